package org.onegrid.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the configured server is a node of a Galera cluster. Such a node applies what the other
 * nodes committed a moment after they did; a read that must see a write just made through another
 * connection (the next request, another instance, or the same pool once Connector/J has failed back
 * from the fail-over node) then has to wait for the node to catch up, which {@code wsrep_sync_wait}
 * makes every read of the session do. Measured without it: a resident signed up for an activity's
 * last seat was answered "not signed up" when the pool's connections stood on two nodes after one
 * had been restarted.
 */
final class GaleraNode {

  /** {@code wsrep_sync_wait} bit 1: SELECT, SHOW and BEGIN wait for the cluster's commits. */
  static final int SYNC_READS = 1;

  private static final Logger LOG = LoggerFactory.getLogger(GaleraNode.class);

  private GaleraNode() {}

  /**
   * Asks the server once, on a connection of its own. False when it is not a Galera node (MySQL and
   * a MariaDB without Galera do not know {@code wsrep_on}) and when it cannot be asked now: the
   * migrations that run next then fail with the server's own error.
   */
  static boolean isOne(String url, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "5000");
    try (Connection c = DriverManager.getConnection(url, props);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@wsrep_on")) {
      boolean galera = r.next() && r.getBoolean(1);
      if (galera) {
        LOG.info(
            "The database is a Galera cluster node: reads wait for the cluster's commits"
                + " (wsrep_sync_wait={})",
            SYNC_READS);
      }
      return galera;
    } catch (SQLException e) {
      LOG.debug("Not a Galera node ({})", e.getMessage());
      return false;
    }
  }
}
