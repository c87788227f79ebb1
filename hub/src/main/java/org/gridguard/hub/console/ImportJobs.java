package org.gridguard.hub.console;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.DeviceImportReport;
import org.gridguard.hub.device.ImportProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * CSV imports started from the console, run off the request thread: the upload is copied to a
 * temporary file, a bounded executor runs the import (the REST import's {@code DeviceImporter}
 * in its own transaction), and the page polls the job for its progress and then its report. Jobs
 * are held in memory on the instance that took the upload (bounded, evicted after
 * {@code import-keep}); only the user who started one may read it.
 */
@Component
class ImportJobs {
  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

  enum Phase { QUEUED, CHECKING, STORING, DONE, FAILED }

  /** One import as the page shows it. Fields change on the importing thread. */
  static final class Job implements ImportProgress {
    final String id;
    final String owner;
    final String gatewayId;
    final boolean dryRun;
    final long size;
    final AtomicLong bytesRead = new AtomicLong();
    volatile Phase phase = Phase.QUEUED;
    volatile int rowsChecked;
    volatile int rowsStored;
    volatile int rowsToStore;
    volatile DeviceImportReport report;
    volatile String error;
    volatile Instant finishedAt;

    Job(String id, String owner, String gatewayId, boolean dryRun, long size) {
      this.id = id;
      this.owner = owner;
      this.gatewayId = gatewayId;
      this.dryRun = dryRun;
      this.size = size;
    }

    @Override
    public void checked(int rows) {
      rowsChecked = rows;
    }

    @Override
    public void stored(int done, int of) {
      phase = Phase.STORING;
      rowsStored = done;
      rowsToStore = of;
    }

    /** 0..100: reading and checking is the first half, storing the second (none on a dry run). */
    public int percent() {
      return switch (phase) {
        case QUEUED -> 0;
        case CHECKING -> {
          long half = size == 0 ? 0 : Math.min(100, bytesRead.get() * 100 / size);
          yield (int) (dryRun ? half * 99 / 100 : half / 2);
        }
        case STORING -> 50 + (rowsToStore == 0 ? 0 : rowsStored * 50 / rowsToStore);
        case DONE, FAILED -> 100;
      };
    }

    public boolean finished() {
      return phase == Phase.DONE || phase == Phase.FAILED;
    }

    public String id() {
      return id;
    }

    public String gatewayId() {
      return gatewayId;
    }

    public boolean dryRun() {
      return dryRun;
    }

    public Phase phase() {
      return phase;
    }

    public int rowsChecked() {
      return rowsChecked;
    }

    public int rowsStored() {
      return rowsStored;
    }

    public int rowsToStore() {
      return rowsToStore;
    }

    public DeviceImportReport report() {
      return report;
    }

    public String error() {
      return error;
    }
  }

  private final TechnicianProperties config;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ThreadPoolExecutor executor;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  ImportJobs(TechnicianProperties config, Clock clock, MeterRegistry meters) {
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.executor = new ThreadPoolExecutor(config.importThreads(), config.importThreads(), 1,
        TimeUnit.MINUTES, config.importQueue() == 0 ? new SynchronousQueue<>()
            : new ArrayBlockingQueue<>(config.importQueue()), r -> {
              Thread t = new Thread(r, "gg-console-import");
              t.setDaemon(true);
              return t;
            });
    meters.gauge("gridguard.console.import.jobs", jobs, Map::size);
    meters.gauge("gridguard.console.import.queued", executor, e -> e.getQueue().size());
  }

  /**
   * Starts importing {@code upload} (copied first, so the request can end) into the prepared
   * gateway; 503 when the instance is busy with as many imports as it takes.
   */
  Job start(String owner, String address, DeviceConsole.PreparedImport prepared,
      InputStream upload, boolean dryRun) throws IOException {
    evict();
    if (jobs.size() >= config.importJobs()) {
      throw busy();
    }
    Path file = Files.createTempFile("gg-device-import-", ".csv");
    try {
      try (InputStream in = upload) {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Job job = new Job(newId(), owner, prepared.gatewayId(), dryRun, Files.size(file));
      jobs.put(job.id, job);
      try {
        executor.execute(() -> run(job, prepared, address, file));
      } catch (RejectedExecutionException e) {
        jobs.remove(job.id);
        throw busy();
      }
      meters.counter("gridguard.console.imports", "outcome", "started").increment();
      return job;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The job if {@code owner} started it (anyone else: empty, as if there were none). */
  Optional<Job> find(String owner, String id) {
    Job job = id == null ? null : jobs.get(id);
    return job != null && job.owner.equals(owner) ? Optional.of(job) : Optional.empty();
  }

  private void run(Job job, DeviceConsole.PreparedImport prepared, String address, Path file) {
    job.phase = Phase.CHECKING;
    try (InputStream raw = Files.newInputStream(file);
        Reader in = new InputStreamReader(new Counting(raw, job.bytesRead),
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      job.report = prepared.run(address, in, job.dryRun, job);
      job.phase = Phase.DONE;
      meters.counter("gridguard.console.imports", "outcome",
          job.report.problemCount() > 0 ? "problems" : job.report.stored() ? "stored" : "dry-run")
          .increment();
    } catch (ResponseStatusException e) {
      job.error = e.getReason();
      job.phase = Phase.FAILED;
      meters.counter("gridguard.console.imports", "outcome", "failed").increment();
    } catch (Exception e) {
      log.error("device import {} for gateway {} failed", job.id, job.gatewayId, e);
      job.error = e.getClass().getSimpleName() + ": " + e.getMessage();
      job.phase = Phase.FAILED;
      meters.counter("gridguard.console.imports", "outcome", "failed").increment();
    } finally {
      job.finishedAt = clock.instant();
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("could not delete the import's temporary file {}", file);
      }
    }
  }

  /** Drops finished jobs older than {@code import-keep}, then the oldest finished while full. */
  private void evict() {
    Instant cutoff = clock.instant().minus(config.importKeep());
    jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(cutoff));
    while (jobs.size() >= config.importJobs()) {
      Optional<Job> oldest = jobs.values().stream().filter(j -> j.finishedAt != null)
          .min(Comparator.comparing(j -> j.finishedAt));
      if (oldest.isEmpty()) {
        return;
      }
      jobs.remove(oldest.get().id);
    }
  }

  private static ResponseStatusException busy() {
    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "this hub is busy with "
        + "other imports; try again in a minute (gridguard.console.tech.import-threads, "
        + "import-queue)");
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }

  /** Counts the bytes the importer has read, for the progress bar. */
  private static final class Counting extends FilterInputStream {
    private final AtomicLong count;

    Counting(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
