package org.onegrid.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms every scenario up (for {@code warmup} each), then runs each in two phases with many virtual
 * users in threads of this process:
 *
 * <ul>
 *   <li><b>capacity</b>: {@code users} users act back to back without pause for the time given,
 *       after a second of the same; gives throughput (iterations and requests per second), followed
 *       by five seconds of the baseline to compare it with;
 *   <li><b>latency</b>: {@code latencyUsers} users (50 by default) each act, then think for 0.5 to
 *       1.5 s, as people do; gives p50/p95/p99 of what one action takes at that concurrency.
 * </ul>
 */
final class LoadDriver {

  record Options(
      int users,
      int latencyUsers,
      Duration warmup,
      Duration capacity,
      Duration latency,
      Duration thinkMin,
      Duration thinkMax) {}

  /** What one phase measured. */
  record Phase(
      int users,
      double seconds,
      long iterations,
      long errors,
      String firstError,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs) {

    double perSecond() {
      return seconds == 0 ? 0 : iterations / seconds;
    }
  }

  /**
   * A scenario's results, with the baseline's requests per second measured right after its
   * throughput phase.
   */
  record Result(
      Scenarios.Scenario scenario,
      Phase capacity,
      Phase latency,
      double baselineRequestsPerSecond,
      ProcTree.Usage cpu) {

    double requestsPerSecond() {
      return capacity.perSecond() * scenario.requests();
    }

    /** Requests per second as a share of the baseline's. */
    double ratio() {
      return baselineRequestsPerSecond == 0 ? 0 : requestsPerSecond() / baselineRequestsPerSecond;
    }

    /** CPU seconds of the app (or its database) per 1,000 requests of the throughput phase. */
    double cpuSecondsPer1000(long cpuMs) {
      long requests = capacity.iterations() * scenario.requests();
      return requests == 0 ? 0 : cpuMs / (double) requests;
    }
  }

  private final Population population;
  private final Http http;
  private final Options options;
  private final Progress progress;
  private final ProcTree processes;

  LoadDriver(
      Population population, Http http, Options options, Progress progress, ProcTree processes) {
    this.population = population;
    this.http = http;
    this.options = options;
    this.progress = progress;
    this.processes = processes;
  }

  /** As many virtual users as the larger phase needs, with their sessions. */
  List<Scenarios.VirtualUser> users() {
    int most = Math.max(options.users(), options.latencyUsers());
    List<Scenarios.VirtualUser> users = new ArrayList<>();
    for (int i = 0; i < most; i++) {
      users.add(new Scenarios.VirtualUser(i, population, http));
    }
    return users;
  }

  /** Only the latency phase of a scenario, with nothing before it (a cold start). */
  Phase latencyNow(Scenarios.Scenario s, List<Scenarios.VirtualUser> users)
      throws InterruptedException {
    return phase(s, users.subList(0, options.latencyUsers()), options.latency(), true);
  }

  List<Result> run(List<Scenarios.Scenario> scenarios) throws InterruptedException {
    List<Scenarios.VirtualUser> users = users();
    // Everything runs once before anything is measured: the JIT compiles the app's paths and the
    // database reads the pages the scenarios touch into its buffer pool.
    for (Scenarios.Scenario s : scenarios) {
      progress.step("warming up: " + s.name());
      phase(s, users.subList(0, options.users()), options.warmup(), false);
    }
    Scenarios.Scenario baseline =
        scenarios.stream()
            .filter(s -> s.name().equals(Scenarios.BASELINE))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("The baseline must run"));
    List<Result> results = new ArrayList<>();
    // The baseline's own row last, when the JIT has compiled the whole stack (measured first it ran
    // at a third of the rate measured after the others); it still heads the table.
    List<Scenarios.Scenario> order = new ArrayList<>(scenarios);
    order.remove(baseline);
    order.add(baseline);
    for (Scenarios.Scenario s : order) {
      progress.step(s.name() + ": " + s.title());
      phase(
          s,
          users.subList(0, options.users()),
          min(options.warmup(), Duration.ofSeconds(1)),
          false);
      ProcTree.Usage before = processes.now();
      Phase capacity = phase(s, users.subList(0, options.users()), options.capacity(), false);
      ProcTree.Usage cpu = processes.now().minus(before);
      // The baseline right after each scenario, so that a ratio compares like with like: the app
      // keeps getting faster for minutes as the JIT works (measured: the baseline at the end of a
      // run twice its rate at the start).
      Phase base =
          s == baseline
              ? capacity
              : phase(baseline, users.subList(0, options.users()), baselineLength(), false);
      Phase latency = phase(s, users.subList(0, options.latencyUsers()), options.latency(), true);
      progress.step(
          String.format(
              Locale.ROOT,
              "  %,.0f/s with %d users; at %d users p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%s",
              capacity.perSecond(),
              capacity.users(),
              latency.users(),
              latency.p50Ms(),
              latency.p95Ms(),
              latency.p99Ms(),
              capacity.errors() + latency.errors() == 0
                  ? ""
                  : "; "
                      + (capacity.errors() + latency.errors())
                      + " errors, first: "
                      + (capacity.firstError() != null
                          ? capacity.firstError()
                          : latency.firstError())));
      results.add(new Result(s, capacity, latency, base.perSecond() * baseline.requests(), cpu));
    }
    results.add(0, results.remove(results.size() - 1));
    return results;
  }

  private Phase phase(
      Scenarios.Scenario scenario,
      List<Scenarios.VirtualUser> users,
      Duration length,
      boolean think)
      throws InterruptedException {
    if (length.isZero()) {
      return new Phase(users.size(), 0, 0, 0, null, 0, 0, 0, 0);
    }
    long[][] samples = new long[users.size()][];
    int[] counts = new int[users.size()];
    long[] errors = new long[users.size()];
    AtomicReference<String> firstError = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    Thread[] threads = new Thread[users.size()];
    for (int t = 0; t < users.size(); t++) {
      int me = t;
      Scenarios.VirtualUser user = users.get(t);
      threads[t] =
          new Thread(
              () -> {
                long[] mine = new long[1024];
                int n = 0;
                long iteration = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (think) {
                  sleep(random.nextLong(options.thinkMax().toMillis() + 1));
                }
                while (System.nanoTime() < end) {
                  long began = System.nanoTime();
                  try {
                    scenario.action().run(user, iteration++);
                    if (n == mine.length) {
                      mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - began;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  } catch (Exception e) {
                    errors[me]++;
                    firstError.compareAndSet(null, String.valueOf(e.getMessage()));
                  }
                  if (think) {
                    sleep(
                        random.nextLong(
                            options.thinkMin().toMillis(), options.thinkMax().toMillis() + 1));
                  }
                }
                samples[me] = mine;
                counts[me] = n;
              },
              "vu-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = 0;
    long errorCount = 0;
    for (int t = 0; t < threads.length; t++) {
      total += counts[t];
      errorCount += errors[t];
    }
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads.length; t++) {
      System.arraycopy(samples[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Phase(
        users.size(),
        seconds,
        total,
        errorCount,
        firstError.get(),
        percentile(all, 50),
        percentile(all, 95),
        percentile(all, 99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  private Duration baselineLength() {
    return min(options.capacity(), Duration.ofSeconds(5));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /** Nearest-rank percentile in milliseconds. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
