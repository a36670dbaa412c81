package org.onegrid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of the app's JVM and of the processes it started (the embedded
 * MariaDB), read from Linux's /proc. Elsewhere (or for a database at --db-url) the database's
 * figures are zero.
 */
final class ProcTree {

  /** CPU milliseconds used so far and resident memory now, of the app and of its database. */
  record Usage(long appCpuMs, long dbCpuMs, long appRssKiB, long dbRssKiB) {

    Usage minus(Usage earlier) {
      return new Usage(appCpuMs - earlier.appCpuMs, dbCpuMs - earlier.dbCpuMs, appRssKiB, dbRssKiB);
    }
  }

  /** Linux's USER_HZ, the unit of /proc/PID/stat's times, on every architecture Java runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private final long pid;

  ProcTree(long pid) {
    this.pid = pid;
  }

  Usage now() {
    long[] app = read(pid);
    long dbCpu = 0;
    long dbRss = 0;
    List<ProcessHandle> children =
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
    for (ProcessHandle child : children) {
      long[] c = read(child.pid());
      dbCpu += c[0];
      dbRss += c[1];
    }
    return new Usage(app[0], dbCpu, app[1], dbRss);
  }

  /** CPU milliseconds (user and system) and resident KiB of one process; zeros if unreadable. */
  private static long[] read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the name: state(0) ppid … utime is field 14 of the line, 11 here; stime 12.
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new long[] {ticks * 1000 / TICKS_PER_SECOND, rss};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
