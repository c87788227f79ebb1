package org.gridguard.hub.patrol;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares the outbox heads of the users with open streams here against what those streams have
 * queued, and wakes the ones behind: every {@code poll-interval} on H2, every
 * {@code safety-poll-interval} on PostgreSQL (where NOTIFY is the fast path). One small indexed
 * query per run, whatever the number of streams (users in chunks of 500).
 */
@Component
class FeedPoller extends PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

  private final FeedReader feed;
  private final FeedStreams streams;
  private final FeedSignal signal;
  private final PatrolProperties config;

  FeedPoller(FeedReader feed, FeedStreams streams, FeedSignal signal, PatrolProperties config) {
    super("patrol-feed-poll", every(signal, config));
    this.feed = feed;
    this.streams = streams;
    this.signal = signal;
    this.config = config;
  }

  private static Duration every(FeedSignal signal, PatrolProperties config) {
    return signal.postgres() ? config.safetyPollInterval() : config.pollInterval();
  }

  @Override
  protected Duration runOnce() {
    poll();
    return every(signal, config);
  }

  /** A failed poll is retried at the next interval; at 250 ms a warning each time would flood. */
  @Override
  protected void failed(Exception e, Duration retryIn) {
    log.debug("patrol feed poll failed: {}", e.toString());
  }

  void poll() {
    Set<String> users = streams.users();
    if (users.isEmpty()) {
      return;
    }
    Map<String, Long> heads = feed.heads(users);
    heads.forEach((user, head) -> {
      if (streams.streams(user).stream().anyMatch(s -> s.lastQueued() < head)) {
        streams.wake(user);
      }
    });
  }
}
