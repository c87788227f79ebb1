package org.gridguard.hub.device;

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
 * On PostgreSQL: {@code LISTEN gridguard_camera_snapshot} on a connection of its own (a pooled
 * one would be handed to others and its LISTEN lost), passing each notified gateway id to
 * {@link SnapshotDispatch#wake}. A broken connection is re-opened with exponential backoff (up
 * to {@code listener-max-backoff}), then every session's requests are looked at, since a
 * notification may have been missed. Nothing on H2 (the poll does it). As
 * {@code patrol/PostgresFeedListener}.
 */
@Component
class SnapshotListener implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SnapshotListener.class);

  private final DataSourceProperties dataSource;
  private final SnapshotDispatch dispatch;
  private final SnapshotDispatchProperties config;
  private final AtomicInteger connected = new AtomicInteger();
  private final Counter reconnects;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  SnapshotListener(DataSourceProperties dataSource, SnapshotDispatch dispatch,
      SnapshotDispatchProperties config, MeterRegistry metrics) {
    this.dataSource = dataSource;
    this.dispatch = dispatch;
    this.config = config;
    Gauge.builder("gridguard_camera_snapshot_listener_connected", connected, AtomicInteger::get)
        .description("1 while the LISTEN connection for snapshot requests is up")
        .register(metrics);
    this.reconnects = Counter.builder("gridguard_camera_snapshot_listener_reconnects_total")
        .description("times the snapshot LISTEN connection was re-established")
        .register(metrics);
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
          st.execute("LISTEN " + SnapshotDispatch.CHANNEL);
        }
        connected.set(1);
        if (!first) {
          reconnects.increment();
          log.info("camera snapshots: LISTEN connection re-established");
        }
        dispatch.wakeAll();
        first = false;
        backoff = Duration.ofMillis(100);
        PGConnection pg = con.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(1000);
          if (notes != null) {
            for (PGNotification n : notes) {
              dispatch.wake(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        connected.set(0);
        if (!running) {
          return;
        }
        log.warn("camera snapshots: LISTEN connection failed ({}); retrying in {}", e.toString(),
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
    if (!dispatch.postgres()) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "camera-snapshot-listen");
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
}
