package org.gridguard.hub.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridguard.hub.security.GridScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's live incident feed on this instance: one SSE stream per open page, each with a
 * bounded queue, fed after commit by {@link FeedListener} and drained by one sender thread, so a
 * slow browser never holds up a transaction or another browser. A stream only hears about
 * incidents in its user's grid scope. A stream whose queue is full is closed (the browser
 * reconnects and reloads the list, so nothing is lost to the user); the page itself is the catch-up,
 * since it re-reads the list on every event.
 *
 * <p>Several hub instances: each instance tells its own streams about the changes it commits;
 * changes committed on another instance reach a page on its next reconnect or event (a
 * cross-instance wake-up, e.g. PostgreSQL LISTEN/NOTIFY, comes with the patrol feed's outbox).
 */
@Component
class LiveFeed implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  /** One open page. */
  static final class Stream {
    final GridScope scope;
    final SseEmitter emitter;
    final ArrayBlockingQueue<FeedEvent> queue;
    final AtomicBoolean scheduled = new AtomicBoolean();
    volatile boolean closed;

    Stream(GridScope scope, SseEmitter emitter, int capacity) {
      this.scope = scope;
      this.emitter = emitter;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }
  }

  private final ConsoleProperties config;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sender;
  private final Counter sent;
  private final Counter dropped;
  private final Counter refused;

  @org.springframework.beans.factory.annotation.Autowired
  LiveFeed(ConsoleProperties config, MeterRegistry metrics) {
    this(config, metrics, Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gg-console-feed");
      t.setDaemon(true);
      return t;
    }));
  }

  /** With {@code sender} running the sends and heartbeats (tests pass one they step by hand). */
  LiveFeed(ConsoleProperties config, MeterRegistry metrics, ScheduledExecutorService sender) {
    this.config = config;
    this.sender = sender;
    Gauge.builder("gridguard_console_streams", streams, Set::size)
        .description("live console/patrol streams open on this instance").register(metrics);
    this.sent = Counter.builder("gridguard_console_feed_sent_total")
        .description("incident events sent to live pages").register(metrics);
    this.dropped = Counter.builder("gridguard_console_feed_dropped_total")
        .description("live streams closed because their queue was full").register(metrics);
    this.refused = Counter.builder("gridguard_console_streams_refused_total")
        .description("live streams refused at max-streams").register(metrics);
    long beat = config.heartbeat().toMillis();
    sender.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
  }

  /** Opens a stream for a user with {@code scope}; 503 when {@code max-streams} are open. */
  SseEmitter open(GridScope scope) {
    if (streams.size() >= config.maxStreams()) {
      refused.increment();
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
          "too many live pages are open on this hub (gridguard.console.max-streams = "
              + config.maxStreams() + "); close some tabs or try again in a minute");
    }
    SseEmitter emitter = new SseEmitter(config.streamTimeout().toMillis());
    Stream stream = new Stream(scope, emitter, config.streamQueue());
    emitter.onCompletion(() -> close(stream));
    emitter.onTimeout(() -> close(stream));
    emitter.onError(e -> close(stream));
    streams.add(stream);
    // a first line at once, so the browser knows it is connected (and proxies flush) — sent
    // here, on the request thread: Spring holds a send made before the handler returns and
    // writes it when the response is set up, while the sender thread writing it could touch the
    // response while the filter chain still writes its headers
    try {
      emitter.send(SseEmitter.event().name("hello").data("{}"));
    } catch (IOException e) {
      close(stream);
      throw new java.io.UncheckedIOException(e);
    }
    return emitter;
  }

  /** Hands a committed change to every stream whose scope covers it; never blocks. */
  void publish(FeedEvent event) {
    for (Stream s : streams) {
      if (!s.scope.covers(event.gridCode())) {
        continue;
      }
      if (!s.queue.offer(event)) {
        dropped.increment();
        log.info("a live stream fell {} events behind and was closed; its page reconnects",
            config.streamQueue());
        close(s);
        s.emitter.complete();
        continue;
      }
      schedule(s);
    }
  }

  int open() {
    return streams.size();
  }

  /** Events waiting per open stream, by the stream's scope (for tests and diagnostics). */
  java.util.Map<GridScope, Integer> backlog() {
    java.util.Map<GridScope, Integer> b = new java.util.HashMap<>();
    streams.forEach(s -> b.merge(s.scope, s.queue.size(), Integer::sum));
    return b;
  }

  private void schedule(Stream s) {
    if (s.scheduled.compareAndSet(false, true)) {
      sender.execute(() -> drain(s));
    }
  }

  private void drain(Stream s) {
    s.scheduled.set(false);
    FeedEvent e;
    while (!s.closed && (e = s.queue.poll()) != null) {
      try {
        if (e.incidentId() == 0) {
          s.emitter.send(SseEmitter.event().name("hello").data("{}"));
        } else {
          s.emitter.send(SseEmitter.event().name("incident")
              .id(e.incidentId() + "." + e.version()).data(e.json()));
          sent.increment();
        }
      } catch (IOException | IllegalStateException ex) {
        close(s); // the browser went away; its emitter is done
        return;
      }
    }
  }

  private void heartbeat() {
    for (Stream s : streams) {
      try {
        s.emitter.send(SseEmitter.event().comment("heartbeat"));
      } catch (IOException | IllegalStateException e) {
        close(s);
      } catch (RuntimeException e) {
        log.warn("live stream heartbeat failed", e);
        close(s);
      }
    }
  }

  private void close(Stream s) {
    s.closed = true;
    streams.remove(s);
  }

  @Override
  public void destroy() {
    sender.shutdownNow();
    streams.forEach(s -> s.emitter.complete());
    streams.clear();
  }
}
