package org.onegrid.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints what the benchmark is doing, one line per step, with the time since it began. */
final class Progress {

  private final PrintStream out;
  private final long began = System.nanoTime();
  private String lastCounted;
  private long lastCountedAt;

  Progress(PrintStream out) {
    this.out = out;
  }

  void step(String what) {
    out.printf(Locale.ROOT, "[%s] %s%n", elapsed(), what);
    out.flush();
  }

  /** A count towards a total; printed at most every two seconds per kind, and at the end. */
  void count(String what, long done, long total) {
    long now = System.nanoTime();
    if (done < total && what.equals(lastCounted) && now - lastCountedAt < 2_000_000_000L) {
      return;
    }
    lastCounted = what;
    lastCountedAt = now;
    out.printf(
        Locale.ROOT,
        "[%s] %-24s %,12d / %,d  %3d%%%n",
        elapsed(),
        what,
        done,
        total,
        total == 0 ? 100 : done * 100 / total);
    out.flush();
  }

  void done() {
    step("done");
  }

  long seconds() {
    return (System.nanoTime() - began) / 1_000_000_000L;
  }

  private String elapsed() {
    long s = seconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
