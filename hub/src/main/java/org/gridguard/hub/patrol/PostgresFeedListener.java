package org.gridguard.hub.patrol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL: {@code LISTEN gridguard_patrol_feed} on a connection of its own (not the pool's:
 * a pooled connection would be handed to others and its LISTEN lost), waking this instance's
 * streams of the user each notification names. When the connection breaks it reconnects with
 * exponential backoff (up to {@code listener-max-backoff}) and then wakes every stream, since a
 * notification may have been missed meanwhile. Does nothing on H2 (one instance; the poller and
 * the local after-commit signal suffice).
 */
@Component
class PostgresFeedListener implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PostgresFeedListener.class);

  private final DataSourceProperties dataSource;
  private final FeedSignal signal;
  private final FeedStreams streams;
  private final PatrolProperties config;
  private final AtomicInteger connected = new AtomicInteger();
  private final Counter reconnects;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  PostgresFeedListener(DataSourceProperties dataSource, FeedSignal signal, FeedStreams streams,
      PatrolProperties config, MeterRegistry metrics) {
    this.dataSource = dataSource;
    this.signal = signal;
    this.streams = streams;
    this.config = config;
    Gauge.builder("gridguard_patrol_listener_connected", connected, AtomicInteger::get)
        .description("1 while the LISTEN connection for patrol feed notifications is up")
        .register(metrics);
    this.reconnects = Counter.builder("gridguard_patrol_listener_reconnects_total")
        .description("times the LISTEN connection was re-established").register(metrics);
  }

  /** Whether the LISTEN connection is up now. */
  boolean connected() {
    return connected.get() == 1;
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    boolean first = true;
    while (running) {
      try (Connection con = DriverManager.getConnection(dataSource.determineUrl(),
          dataSource.determineUsername(), dataSource.determinePassword())) {
        connection = con;
        try (Statement st = con.createStatement()) {
          st.execute("LISTEN " + FeedSignal.CHANNEL);
        }
        connected.set(1);
        if (!first) {
          reconnects.increment();
          log.info("patrol feed: LISTEN connection re-established");
        }
        streams.wakeAll(); // anything committed while we were not listening
        first = false;
        backoff = Duration.ofMillis(100);
        PGConnection pg = con.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(1000);
          if (notes != null) {
            for (PGNotification n : notes) {
              streams.wake(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        connected.set(0);
        if (!running) {
          return;
        }
        log.warn("patrol feed: LISTEN connection failed ({}); retrying in {}", e.toString(),
            backoff);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(config.listenerMaxBackoff()) > 0) {
          backoff = config.listenerMaxBackoff();
        }
      } finally {
        connected.set(0);
        connection = null;
      }
    }
  }

  @Override
  public synchronized void start() {
    if (!signal.postgres()) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "patrol-feed-listen");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    Connection con = connection;
    if (con != null) {
      try {
        con.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** Closes the LISTEN connection under the listener's feet, for tests of the reconnect. */
  void breakConnection() throws SQLException {
    Connection con = connection;
    if (con != null) {
      con.close();
    }
  }
}
