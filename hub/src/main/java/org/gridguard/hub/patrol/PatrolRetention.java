package org.gridguard.hub.patrol;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes outbox rows past {@code feed-retention} and photo files past {@code photo-retention}
 * (privacy: PIPL art. 19), every {@code purge-interval}.
 */
@Component
class PatrolRetention implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PatrolRetention.class);

  private final FeedReader feed;
  private final PhotoStore photos;
  private final PatrolProperties config;
  private final Clock clock;
  private ScheduledExecutorService timer;

  PatrolRetention(FeedReader feed, PhotoStore photos, PatrolProperties config, Clock clock) {
    this.feed = feed;
    this.photos = photos;
    this.config = config;
    this.clock = clock;
  }

  void purge() {
    Instant now = clock.instant();
    int rows = feed.purge(now.minus(config.feedRetention()));
    int files = photos.purge(now.minus(config.photoRetention()));
    if (rows + files > 0) {
      log.info("patrol: purged {} feed row(s) and {} photo(s)", rows, files);
    }
  }

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "patrol-retention");
      t.setDaemon(true);
      return t;
    });
    long every = config.purgeInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        purge();
      } catch (RuntimeException e) {
        log.warn("patrol purge failed, will retry: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
