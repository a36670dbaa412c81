#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback ports, from Debian's mariadb-server, galera-4 and mariadb-backup
# packages (apt-get install -y mariadb-server galera-4 mariadb-backup socat), for testing OneGrid on a real cluster.
#
#   scripts/galera.sh start [DIR]   nodes 1-3 on 127.0.0.1:3311-3313, database onegrid, user onegrid/onegrid
#   scripts/galera.sh stop-node N [DIR]   stop one node (SIGTERM), the others go on
#   scripts/galera.sh start-node N [DIR]  bring a stopped node back (it catches up by IST or SST)
#   scripts/galera.sh stop [DIR]    stop all and keep DIR; rm -rf DIR to start from nothing
#
# DIR defaults to /tmp/onegrid-galera. Run as root or a normal user; mariadbd runs as the caller.
set -euo pipefail

cmd=${1:-}
case "$cmd" in stop-node|start-node) node_arg=${2:?node number}; dir=${3:-/tmp/onegrid-galera} ;; *) dir=${2:-/tmp/onegrid-galera} ;; esac
provider=$(ls /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so 2>/dev/null | head -1)
user=$(id -un)

conf() { # node
  local n=$1
  cat > "$dir/node$n.cnf" <<CNF
[mariadbd]
user=$user
datadir=$dir/node$n
socket=$dir/node$n.sock
port=331$n
bind-address=127.0.0.1
pid-file=$dir/node$n.pid
log-error=$dir/node$n.err
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
innodb_log_file_size=48M
max_connections=300
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
wsrep_on=ON
wsrep_provider=$provider
wsrep_cluster_name=onegrid-test
wsrep_cluster_address=gcomm://127.0.0.1:4561,127.0.0.1:4562,127.0.0.1:4563
wsrep_node_address=127.0.0.1
wsrep_node_name=node$n
wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:456$n;ist.recv_addr=127.0.0.1:457$n;gcache.size=64M
wsrep_sst_receive_address=127.0.0.1:458$n
wsrep_sst_method=mariabackup
wsrep_sst_auth=root:
CNF
}

sql() { # node statement
  mariadb --defaults-file=/dev/null --socket="$dir/node$1.sock" -uroot -N -e "$2"
}

wait_synced() { # node
  local n=$1
  for _ in $(seq 1 180); do
    if [ -S "$dir/node$n.sock" ] && [ "$(sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}')" = Synced ]; then
      return 0
    fi
    sleep 1
  done
  echo "node$n did not reach Synced; see $dir/node$n.err" >&2
  tail -20 "$dir/node$n.err" >&2 || true
  return 1
}

start_node() { # node [--wsrep-new-cluster]
  local n=$1; shift
  conf "$n"
  if [ ! -d "$dir/node$n/mysql" ]; then
    mkdir -p "$dir/node$n"
    mariadb-install-db --defaults-file="$dir/node$n.cnf" --user="$user" --datadir="$dir/node$n" \
      --auth-root-authentication-method=socket --skip-test-db > "$dir/node$n.install.log" 2>&1
  fi
  nohup mariadbd --defaults-file="$dir/node$n.cnf" "$@" > "$dir/node$n.out" 2>&1 &
  wait_synced "$n"
}

stop_node() { # node
  local n=$1 pid
  [ -f "$dir/node$n.pid" ] || return 0
  pid=$(cat "$dir/node$n.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ -d "$dir/node1/mysql" ]; then
      # A cluster stopped cleanly: the node that stopped last may bootstrap it again.
      sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/node1/grastate.dat" 2>/dev/null || true
    fi
    start_node 1 --wsrep-new-cluster
    sql 1 "CREATE DATABASE IF NOT EXISTS onegrid CHARACTER SET utf8mb4;
           CREATE USER IF NOT EXISTS 'onegrid'@'127.0.0.1' IDENTIFIED BY 'onegrid';
           CREATE USER IF NOT EXISTS 'onegrid'@'localhost' IDENTIFIED BY 'onegrid';
           GRANT ALL ON onegrid.* TO 'onegrid'@'127.0.0.1';
           GRANT ALL ON onegrid.* TO 'onegrid'@'localhost';"
    start_node 2
    start_node 3
    echo "Galera cluster of $(sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}') nodes on 127.0.0.1:3311-3313 ($dir)"
    ;;
  stop-node) stop_node "$node_arg" ;;
  start-node) start_node "$node_arg" ;;
  stop) for n in 3 2 1; do stop_node "$n"; done ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
