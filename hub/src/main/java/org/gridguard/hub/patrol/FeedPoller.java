package org.gridguard.hub.patrol;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Compares the outbox heads of the users with open streams here against what those streams have
 * queued, and wakes the ones behind: every {@code poll-interval} on H2, every
 * {@code safety-poll-interval} on PostgreSQL (where NOTIFY is the fast path). One small indexed
 * query per run, whatever the number of streams (users in chunks of 500).
 */
@Component
class FeedPoller implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

  private final FeedReader feed;
  private final FeedStreams streams;
  private final FeedSignal signal;
  private final PatrolProperties config;
  private ScheduledExecutorService timer;

  FeedPoller(FeedReader feed, FeedStreams streams, FeedSignal signal, PatrolProperties config) {
    this.feed = feed;
    this.streams = streams;
    this.signal = signal;
    this.config = config;
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

  @Override
  public synchronized void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "patrol-feed-poll");
      t.setDaemon(true);
      return t;
    });
    long every = (signal.postgres() ? config.safetyPollInterval() : config.pollInterval())
        .toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        poll();
      } catch (RuntimeException e) {
        log.debug("patrol feed poll failed: {}", e.toString());
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
