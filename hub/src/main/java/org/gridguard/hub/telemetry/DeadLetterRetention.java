package org.gridguard.hub.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.schedule.PeriodicTask;
import org.gridguard.hub.record.DeadLetterProperties;
import org.gridguard.hub.record.IngestDeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes dead letters of both paths older than {@code gridguard.dead-letters.retention}, every
 * {@code purge-interval}, in batches (each table at most {@link #MAX_BATCHES} × {@link #BATCH}
 * rows per run; the rest goes at the next run). Every instance may run it: a delete of rows
 * already gone deletes nothing.
 */
@Component
public class DeadLetterRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRetention.class);
  static final int BATCH = 5_000;
  static final int MAX_BATCHES = 100;

  private final IngestDeadLetters ingest;
  private final DeadLetterRepository telemetry;
  private final DeadLetterProperties config;
  private final Clock clock;

  DeadLetterRetention(IngestDeadLetters ingest, DeadLetterRepository telemetry,
      DeadLetterProperties config, Clock clock) {
    super("dead-letter-retention", config.purgeInterval());
    this.ingest = ingest;
    this.telemetry = telemetry;
    this.config = config;
    this.clock = clock;
  }

  @Override
  protected Duration runOnce() {
    purge();
    return config.purgeInterval();
  }

  /** One run; returns how many rows went (both tables). */
  public int purge() {
    Instant before = clock.instant().minus(config.retention());
    int records = 0;
    int lines = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      int n = ingest.purgeBefore(before, BATCH);
      records += n;
      if (n < BATCH) {
        break;
      }
    }
    for (int i = 0; i < MAX_BATCHES; i++) {
      int n = telemetry.purgeBefore(before, BATCH);
      lines += n;
      if (n < BATCH) {
        break;
      }
    }
    if (records + lines > 0) {
      log.info("dead letters: deleted {} ingest record(s) and {} telemetry line(s) older than {}",
          records, lines, config.retention());
    }
    return records + lines;
  }
}
