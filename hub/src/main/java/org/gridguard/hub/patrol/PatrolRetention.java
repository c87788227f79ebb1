package org.gridguard.hub.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes outbox rows past {@code feed-retention} and photo files past {@code photo-retention}
 * (privacy: PIPL art. 19), every {@code purge-interval}.
 */
@Component
class PatrolRetention extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(PatrolRetention.class);

  private final FeedReader feed;
  private final PhotoStore photos;
  private final ClientActions clientActions;
  private final PatrolProperties config;
  private final Clock clock;

  PatrolRetention(FeedReader feed, PhotoStore photos, ClientActions clientActions,
      PatrolProperties config, Clock clock) {
    super("patrol-retention", config.purgeInterval());
    this.feed = feed;
    this.photos = photos;
    this.clientActions = clientActions;
    this.config = config;
    this.clock = clock;
  }

  @Override
  protected Duration runOnce() {
    purge();
    return config.purgeInterval();
  }

  void purge() {
    Instant now = clock.instant();
    int rows = feed.purge(now.minus(config.feedRetention()));
    int files = photos.purge(now.minus(config.photoRetention()));
    // a phone's client action ids live as long as its feed: offline longer, it reloads anyway
    int keys = clientActions.purge(now.minus(config.feedRetention()));
    if (keys > 0) {
      log.info("patrol: purged {} client action id(s)", keys);
    }
    if (rows + files > 0) {
      log.info("patrol: purged {} feed row(s) and {} photo(s)", rows, files);
    }
  }
}
