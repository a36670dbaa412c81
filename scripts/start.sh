#!/usr/bin/env bash
# Starts OneGrid so that restarts are fast: the first start writes the classes it loaded to a class
# archive as it stops (SIGTERM), and every later start maps them from the archive instead of loading
# each of ~12,000 classes from the jar (measured on the benchmark city: 5.2 s to serving without it,
# 3.1 s with it). A newer jar makes the archive stale: it is then deleted and written again.
#
#   scripts/start.sh [ARGS]    the jar is backend/target/onegrid.jar unless ONEGRID_JAR says otherwise;
#                              the archive sits beside it unless ONEGRID_CLASS_ARCHIVE says otherwise;
#                              JAVA_OPTS go to the JVM, ARGS to OneGrid
set -euo pipefail

jar=${ONEGRID_JAR:-backend/target/onegrid.jar}
archive=${ONEGRID_CLASS_ARCHIVE:-${jar%.jar}.jsa}
[ -f "$jar" ] || { echo "No $jar: build it first (./mvnw -DskipTests package)" >&2; exit 1; }
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  exec java -XX:SharedArchiveFile="$archive" ${JAVA_OPTS:-} -jar "$jar" "$@"
fi
rm -f "$archive"
exec java -XX:ArchiveClassesAtExit="$archive" ${JAVA_OPTS:-} -jar "$jar" "$@"
