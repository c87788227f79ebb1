package org.gridguard.hub.grid;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.GridScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Imports grid nodes from CSV or GeoJSON, streaming, in one transaction: either every row is
 * stored or — when a row has a problem and bad rows are not skipped, or the input cannot be read
 * to the end — none. Existing codes are updated (name and polygon; their level and parent follow
 * from the code and cannot change). Every imported node must be inside the caller's scope; a new
 * county needs global scope. At most {@code import-concurrency} imports run at once per instance.
 */
@Service
public class GridImporter {
  private static final Logger log = LoggerFactory.getLogger(GridImporter.class);

  private final GridRepository repository;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final GridProperties limits;
  private final Semaphore running;
  private final MeterRegistry meters;
  private final Timer duration;
  private final Counter[] rowCounters;

  GridImporter(GridRepository repository, AuditLog audit, PlatformTransactionManager transactions,
      GridProperties limits, MeterRegistry meters) {
    this.repository = repository;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.limits = limits;
    this.running = new Semaphore(limits.importConcurrency());
    this.meters = meters;
    this.duration = Timer.builder("gridguard.grid.import.duration")
        .description("grid imports, start to commit or rollback").register(meters);
    this.rowCounters = new Counter[] {
        rowCounter(meters, "imported"), rowCounter(meters, "updated"),
        rowCounter(meters, "unchanged"), rowCounter(meters, "skipped")};
    Gauge.builder("gridguard.grid.imports.active",
        () -> limits.importConcurrency() - running.availablePermits())
        .description("grid imports running now (at most gridguard.grid.import-concurrency)")
        .register(meters);
  }

  private static Counter rowCounter(MeterRegistry meters, String result) {
    return Counter.builder("gridguard.grid.import.rows").tag("result", result)
        .description("rows of grid imports by result").register(meters);
  }

  /**
   * Imports CSV (header {@code code,name,parent,level,polygon}; see {@link GridCsvRows}); for the
   * demo seeder and other code, e.g. {@code importCsv(reader, false, GridScope.all(), "system")}.
   */
  public GridImportReport importCsv(Reader reader, boolean skipBadRows, GridScope scope,
      String actor) {
    return run(new GridCsvRows(reader), skipBadRows, scope, actor, null);
  }

  /** Imports a GeoJSON FeatureCollection (see {@link GeoJsonRows}). */
  public GridImportReport importGeoJson(InputStream in, boolean skipBadRows, GridScope scope,
      String actor) {
    try {
      return run(new GeoJsonRows(in), skipBadRows, scope, actor, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Imports a raw body of {@code format} (UTF-8 for CSV).
   *
   * @throws UncheckedIOException if the body cannot be read (e.g. the client went away)
   * @throws ResponseStatusException 429 when {@code import-concurrency} imports are running
   */
  GridImportReport importBody(GridFormat format, InputStream body, boolean skipBadRows,
      GridScope scope, String actor, String address) {
    try {
      GridRowSource source = format == GridFormat.CSV
          ? new GridCsvRows(new StrictUtf8Reader(body))
          : new GeoJsonRows(body);
      return run(source, skipBadRows, scope, actor, address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GridImportReport run(GridRowSource source, boolean skipBadRows, GridScope scope, String actor,
      String address) {
    if (!running.tryAcquire()) {
      throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, limits.importConcurrency()
          + " grid imports are running on this hub (gridguard.grid.import-concurrency); "
          + "try again when one has finished");
    }
    long started = System.nanoTime();
    String format = source.format().lowerName();
    try {
      GridImportReport report = tx.execute(status -> {
        GridImportRun run = new GridImportRun(repository, scope, skipBadRows, limits,
            source.format());
        try {
          for (GridRow row = source.next(); row != null && run.add(row); row = source.next()) {
            // add() checks and writes chunk by chunk
          }
          run.finish();
        } catch (UnreadableInputException e) {
          run.fatal(e.problem());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        GridImportReport result = run.report();
        if (result.stored()) {
          audit.record(entry(actor, address, AuditEntry.SUCCESS, format, result));
        } else {
          status.setRollbackOnly();
        }
        return result;
      });
      if (!report.stored()) {
        tx.executeWithoutResult(s ->
            audit.record(entry(actor, address, AuditEntry.FAILURE, format, report)));
      }
      count(report, format);
      log.info("grid import ({}) by {}: {} rows, {} new, {} updated, {} unchanged, {} skipped, "
          + "{} problems, {} in {} ms", format, actor, report.rows(), report.imported(),
          report.updated(), report.unchanged(), report.skipped(), report.problemCount(),
          report.stored() ? "committed" : "rolled back",
          (System.nanoTime() - started) / 1_000_000);
      return report;
    } catch (RuntimeException e) {
      meters.counter("gridguard.grid.imports", "format", format, "outcome", "error").increment();
      throw e;
    } finally {
      duration.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      running.release();
    }
  }

  private void count(GridImportReport report, String format) {
    meters.counter("gridguard.grid.imports", "format", format, "outcome",
        report.stored() ? "stored" : "refused").increment();
    rowCounters[0].increment(report.imported());
    rowCounters[1].increment(report.updated());
    rowCounters[2].increment(report.unchanged());
    rowCounters[3].increment(report.skipped());
  }

  private static AuditEntry entry(String actor, String address, String outcome, String format,
      GridImportReport r) {
    return new AuditEntry(actor, address, "grid.import", "grid", null, outcome, null, null,
        "format=" + format + " rows=" + r.rows() + " imported=" + r.imported() + " updated="
            + r.updated() + " unchanged=" + r.unchanged() + " skipped=" + r.skipped()
            + " problems=" + r.problemCount() + (r.problems().isEmpty() ? ""
                : " first: " + r.problems().get(0)));
  }
}
