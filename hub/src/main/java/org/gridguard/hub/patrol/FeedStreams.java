package org.gridguard.hub.patrol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The open SSE streams of this instance, by user; wakes them when their user's outbox has new
 * rows (told by {@link FeedSignal} after a local commit, by the PostgreSQL listener for other
 * instances' commits, by the poller), pumps them on {@code send-threads} threads, sends
 * heartbeats and closes streams stuck on a slow client. At most {@code max-streams-per-user}
 * streams per user: opening one more closes the oldest; at most {@code max-streams} on the
 * instance: {@link #reserve} says no to one more. Nothing here is the source of truth:
 * every event is read from the outbox, so a closed stream loses nothing.
 */
@Component
class FeedStreams implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);

  private final Map<String, CopyOnWriteArrayList<FeedStream>> byUser = new ConcurrentHashMap<>();
  private final FeedReader feed;
  private final PatrolProperties config;
  private final MeterRegistry metrics;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter sent;
  private final Counter refused;
  private ExecutorService pumps;
  private ScheduledExecutorService timer;

  FeedStreams(FeedReader feed, PatrolProperties config, MeterRegistry metrics) {
    this.feed = feed;
    this.config = config;
    this.metrics = metrics;
    Gauge.builder("gridguard_patrol_streams", open, AtomicInteger::get)
        .description("open patrol SSE streams on this instance").register(metrics);
    this.sent = Counter.builder("gridguard_patrol_stream_events_total")
        .description("feed events written to SSE streams").register(metrics);
    this.refused = Counter.builder("gridguard_patrol_streams_refused_total")
        .description("patrol streams refused at max-streams").register(metrics);
  }

  /**
   * Takes one of the instance's {@code max-streams} places for a stream about to open, or says
   * no (counted). A place taken is given back by {@link #remove} once the stream was added, or
   * by {@link #release} when opening failed before {@link #add}.
   */
  boolean reserve() {
    while (true) {
      int now = open.get();
      if (now >= config.maxStreams()) {
        refused.increment();
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a place {@link #reserve} took for a stream that never got to {@link #add}. */
  void release() {
    open.decrementAndGet();
  }

  /**
   * Registers (subscribes) the stream first, then wakes it: it replays, then follows live. The
   * caller has {@link #reserve reserved} its place.
   */
  void add(FeedStream stream) {
    CopyOnWriteArrayList<FeedStream> list =
        byUser.computeIfAbsent(stream.username(), u -> new CopyOnWriteArrayList<>());
    list.add(stream);
    Counter.builder("gridguard_patrol_streams_opened_total").register(metrics).increment();
    List<FeedStream> live = new ArrayList<>(list.stream().filter(s -> !s.closed()).toList());
    live.sort(Comparator.comparingLong(FeedStream::openedAt));
    while (live.size() > config.maxStreamsPerUser()) {
      close(live.remove(0), "replaced");
    }
    wake(stream);
  }

  /** Forgets a stream that has ended (completion, timeout, error). */
  void remove(FeedStream stream, String reason) {
    stream.close();
    CopyOnWriteArrayList<FeedStream> list = byUser.get(stream.username());
    if (list != null && list.remove(stream)) {
      open.decrementAndGet();
      Counter.builder("gridguard_patrol_streams_closed_total").tag("reason", reason)
          .register(metrics).increment();
      if (list.isEmpty()) {
        byUser.remove(stream.username(), list);
      }
    }
  }

  private void close(FeedStream stream, String reason) {
    remove(stream, reason);
  }

  /** New rows for {@code username} may be in the outbox. */
  void wake(String username) {
    List<FeedStream> list = byUser.get(username);
    if (list != null) {
      list.forEach(this::wake);
    }
  }

  /** Every stream looks again (after the LISTEN connection was re-established). */
  void wakeAll() {
    byUser.values().forEach(list -> list.forEach(this::wake));
  }

  Set<String> users() {
    return Set.copyOf(byUser.keySet());
  }

  List<FeedStream> streams(String username) {
    List<FeedStream> list = byUser.get(username);
    return list == null ? List.of() : List.copyOf(list);
  }

  int openStreams() {
    return open.get();
  }

  private void wake(FeedStream stream) {
    if (stream.wake()) {
      schedule(stream);
    }
  }

  private void schedule(FeedStream stream) {
    ExecutorService pool = pumps;
    if (pool == null) {
      return;
    }
    try {
      pool.execute(() -> pump(stream));
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private void pump(FeedStream stream) {
    if (!stream.tryClaim()) {
      return;
    }
    long before = stream.lastSent();
    try {
      boolean again = stream.pump(feed::after);
      sent.increment(Math.max(0, stream.lastSent() - before));
      if (again) {
        schedule(stream);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("patrol stream of {} closed: {}", stream.username(), e.toString());
      remove(stream, "error");
    }
  }

  private void heartbeat() {
    long limit = config.slowClientTimeout().toNanos();
    for (List<FeedStream> list : byUser.values()) {
      for (FeedStream s : list) {
        if (s.stuck(limit)) {
          log.info("patrol stream of {} dropped: a write has been blocked for more than {}; the "
              + "client catches up when it reconnects", s.username(), config.slowClientTimeout());
          remove(s, "slow");
        } else if (s.heartbeat()) {
          schedule(s);
        }
      }
    }
  }

  @Override
  public synchronized void start() {
    AtomicInteger n = new AtomicInteger();
    pumps = Executors.newFixedThreadPool(config.sendThreads(), r -> {
      Thread t = new Thread(r, "patrol-feed-send-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "patrol-feed-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = config.heartbeat().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        heartbeat();
      } catch (RuntimeException e) {
        log.warn("patrol heartbeat failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    byUser.values().forEach(list -> list.forEach(s -> remove(s, "shutdown")));
    if (pumps != null) {
      pumps.shutdownNow();
      pumps = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
