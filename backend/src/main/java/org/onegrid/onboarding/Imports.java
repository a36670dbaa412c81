package org.onegrid.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.account.Names;
import org.onegrid.audit.AuditLog;
import org.onegrid.db.tables.records.ImportRunsRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Digests;
import org.onegrid.platform.Messages;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading a city's files: a dry run that changes nothing and says row by row what would happen,
 * then applying the same file in the background (one import at a time across instances) with its
 * progress readable by anyone who may see the run.
 */
@Singleton
class Imports {

  private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
  private static final int REPORT_ROWS = 1000;

  /** A run whose heartbeat is older than this has lost its instance. */
  private static final Duration STALE = Duration.ofMinutes(2);

  private final Map<ImportKind, Importer<?>> importers = new EnumMap<>(ImportKind.class);
  private final ImportRunRepository runs;
  private final AccountService accounts;
  private final GridService grids;
  private final AuditLog audit;
  private final Messages messages;
  private final Tx tx;
  private final Clock clock;
  private final ExecutorService executor;

  Imports(
      List<Importer<?>> all,
      ImportRunRepository runs,
      AccountService accounts,
      GridService grids,
      AuditLog audit,
      Messages messages,
      Tx tx,
      Clock clock,
      @Named(TaskExecutors.IO) ExecutorService executor) {
    all.forEach(i -> importers.put(i.kind(), i));
    this.runs = runs;
    this.accounts = accounts;
    this.grids = grids;
    this.audit = audit;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
    this.executor = executor;
  }

  ImportViews.Report dryRun(
      Account admin, ImportKind kind, String fileName, byte[] file, Locale locale) {
    Plan<?> plan = importers.get(kind).plan(admin, reach(admin), file);
    return report(kind, fileName, plan, locale);
  }

  /** Plans the file again and, when no row is refused, applies it in the background. */
  ImportViews.Run start(
      Account admin, ImportKind kind, String fileName, byte[] file, Locale locale) {
    GridNode reach = reach(admin);
    @SuppressWarnings("unchecked")
    Importer<Object> importer = (Importer<Object>) importers.get(kind);
    Plan<Object> plan = importer.plan(admin, reach, file);
    if (plan.refusesAny()) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY, "import-refused-rows", plan.count(RowOutcome.REFUSE));
    }
    long id =
        tx.run(
            () -> {
              runs.findRunning()
                  .ifPresent(
                      r -> {
                        if (r.getHeartbeatAt().isAfter(clock.instant().minus(STALE))) {
                          throw new ApiException(HttpStatus.CONFLICT, "import-running");
                        }
                        runs.finish(
                            r.getId(),
                            "INTERRUPTED",
                            r.getCreatedCount(),
                            r.getChangedCount(),
                            r.getUnchangedCount(),
                            "interrupted",
                            clock.instant());
                      });
              long runId =
                  runs.insertRunning(
                      kind,
                      fileName,
                      sha256(file),
                      admin.id(),
                      reach.path(),
                      plan.work().size(),
                      clock.instant());
              audit.record(
                  admin,
                  reach,
                  "import." + kind.name().toLowerCase(Locale.ROOT),
                  fileName,
                  null,
                  Map.of(
                      "run", runId,
                      "create", plan.count(RowOutcome.CREATE),
                      "change", plan.count(RowOutcome.CHANGE),
                      "same", plan.count(RowOutcome.SAME)));
              return runId;
            });
    int created = (int) plan.count(RowOutcome.CREATE);
    int changed = (int) plan.count(RowOutcome.CHANGE);
    int same = (int) plan.count(RowOutcome.SAME);
    executor.submit(
        () -> {
          try {
            importer.apply(
                admin, plan.work(), done -> runs.updateProgress(id, done, clock.instant()));
            runs.finish(id, "DONE", created, changed, same, null, clock.instant());
            LOG.info(
                "Import {} of {} ({}) by account {}: {} created, {} changed, {} unchanged",
                id,
                kind,
                fileName,
                admin.id(),
                created,
                changed,
                same);
          } catch (RuntimeException e) {
            LOG.warn("Import {} of {} ({}) failed: {}", id, kind, fileName, e.toString());
            try {
              runs.finish(
                  id, "FAILED", created, changed, same, abbreviate(e.toString()), clock.instant());
            } catch (RuntimeException alsoDown) {
              LOG.warn("Import {} could not be marked failed: {}", id, alsoDown.toString());
            }
          }
        });
    return view(
        runs.findById(id).orElseThrow(), new Names(Map.of(admin.id(), admin.displayName())));
  }

  ImportViews.Run run(Account admin, long id) {
    GridNode reach = reach(admin);
    ImportRunsRecord r =
        runs.findById(id)
            .filter(x -> x.getNodePath().startsWith(reach.path()))
            .orElseThrow(ApiException::notFound);
    return view(r, accounts.names(List.of(r.getActorId())));
  }

  List<ImportViews.Run> history(Account admin, @Nullable Long before) {
    var rows = runs.findUnder(reach(admin).path(), before, 30);
    Names actors = accounts.names(rows.stream().map(ImportRunsRecord::getActorId).toList());
    return rows.stream().map(r -> view(r, actors)).toList();
  }

  private GridNode reach(Account admin) {
    if (!admin.role().isAdmin() || admin.nodeId() == null) {
      throw ApiException.forbidden();
    }
    return grids.get(admin.nodeId());
  }

  private ImportViews.Run view(ImportRunsRecord r, Names actors) {
    String status = r.getStatus();
    if ("RUNNING".equals(status) && r.getHeartbeatAt().isBefore(clock.instant().minus(STALE))) {
      status = "INTERRUPTED";
    }
    return new ImportViews.Run(
        r.getId(),
        ImportKind.valueOf(r.getKind()),
        r.getFileName(),
        actors.of(r.getActorId()),
        status,
        r.getRowsTotal(),
        r.getRowsDone(),
        r.getCreatedCount(),
        r.getChangedCount(),
        r.getUnchangedCount(),
        r.getError(),
        r.getStartedAt(),
        r.getFinishedAt());
  }

  private ImportViews.Report report(ImportKind kind, String fileName, Plan<?> plan, Locale locale) {
    Map<RowOutcome, Integer> order =
        new HashMap<>(
            Map.of(
                RowOutcome.REFUSE,
                0,
                RowOutcome.CHANGE,
                1,
                RowOutcome.CREATE,
                2,
                RowOutcome.SAME,
                3));
    List<RowVerdict> sorted = new ArrayList<>(plan.verdicts());
    sorted.sort(
        Comparator.comparingInt((RowVerdict v) -> order.get(v.outcome()))
            .thenComparingInt(RowVerdict::line));
    List<ImportViews.Row> rows =
        sorted.stream()
            .limit(REPORT_ROWS)
            .map(v -> new ImportViews.Row(v.line(), v.key(), v.outcome(), message(v, locale)))
            .toList();
    return new ImportViews.Report(
        kind,
        fileName,
        plan.verdicts().size(),
        plan.count(RowOutcome.CREATE),
        plan.count(RowOutcome.CHANGE),
        plan.count(RowOutcome.SAME),
        plan.count(RowOutcome.REFUSE),
        rows);
  }

  private String message(RowVerdict v, Locale locale) {
    Object[] args = v.args().toArray();
    if (v.outcome() == RowOutcome.CHANGE && args.length == 1) {
      args =
          new Object[] {
            String.join(
                locale.getLanguage().equals("en") ? ", " : "、",
                Arrays.stream(args[0].toString().split(", "))
                    .map(f -> messages.get(locale, "import.field." + f))
                    .toList())
          };
    }
    return messages.get(locale, "import." + v.reason(), args);
  }

  private static String sha256(byte[] file) {
    return Digests.sha256Hex(file);
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) : s;
  }
}
