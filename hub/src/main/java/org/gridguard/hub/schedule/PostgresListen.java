package org.gridguard.hub.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * {@code LISTEN <channel>} on PostgreSQL, on a connection of its own (not the pool's: a pooled
 * connection would be handed to others and its LISTEN lost), on one daemon thread: each
 * notification's payload goes to {@code onNotify}. When the connection breaks it reconnects with
 * exponential backoff (100 ms doubling up to {@code maxBackoff}) and, once listening again, calls
 * {@code onListening} — a notification may have been missed meanwhile, so the owner looks at
 * everything. The one way the hub's features (patrol feeds, camera snapshot requests) hear other
 * instances. Metrics {@code <metric>_connected} (gauge) and {@code <metric>_reconnects_total}.
 */
public final class PostgresListen {
  private static final Logger log = LoggerFactory.getLogger(PostgresListen.class);

  /** What to listen to, and what to do. */
  public record Spec(String what, String channel, String metric, Duration maxBackoff,
      Consumer<String> onNotify, Runnable onListening) {
    public Spec {
      Objects.requireNonNull(what, "what");
      if (channel == null || !channel.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException("channel: a lower-case SQL identifier, was " + channel);
      }
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(onNotify, "onNotify");
      Objects.requireNonNull(onListening, "onListening");
    }
  }

  /** Whether {@code jdbc} talks to PostgreSQL (else H2: one instance, no NOTIFY). */
  public static boolean isPostgres(org.springframework.jdbc.core.JdbcTemplate jdbc) {
    String product = jdbc.execute(
        (org.springframework.jdbc.core.ConnectionCallback<String>) con ->
            con.getMetaData().getDatabaseProductName());
    return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
  }

  /**
   * {@code NOTIFY channel, payload} in the caller's transaction (PostgreSQL delivers it on
   * commit, to the listeners of every instance, this one's too).
   */
  public static void notify(org.springframework.jdbc.core.JdbcTemplate jdbc, String channel,
      String payload) {
    jdbc.query("SELECT pg_notify(?, ?)", rs -> { }, channel, payload);
  }

  private final DataSourceProperties dataSource;
  private final Spec spec;
  private final AtomicInteger connected = new AtomicInteger();
  private final Counter reconnects;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  public PostgresListen(DataSourceProperties dataSource, Spec spec, MeterRegistry metrics) {
    this.dataSource = dataSource;
    this.spec = spec;
    Gauge.builder(spec.metric() + "_connected", connected, AtomicInteger::get)
        .description("1 while the LISTEN connection for " + spec.what() + " is up")
        .register(metrics);
    this.reconnects = Counter.builder(spec.metric() + "_reconnects_total")
        .description("times the LISTEN connection for " + spec.what() + " was re-established")
        .register(metrics);
  }

  /** Whether the LISTEN connection is up now. */
  public boolean connected() {
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
          st.execute("LISTEN " + spec.channel());
        }
        connected.set(1);
        if (!first) {
          reconnects.increment();
          log.info("{}: LISTEN connection re-established", spec.what());
        }
        spec.onListening().run(); // anything committed while we were not listening
        first = false;
        backoff = Duration.ofMillis(100);
        PGConnection pg = con.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(1000);
          if (notes != null) {
            for (PGNotification n : notes) {
              spec.onNotify().accept(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        connected.set(0);
        if (!running) {
          return;
        }
        log.warn("{}: LISTEN connection failed ({}); retrying in {}", spec.what(), e.toString(),
            backoff);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(spec.maxBackoff()) > 0) {
          backoff = spec.maxBackoff();
        }
      } finally {
        connected.set(0);
        connection = null;
      }
    }
  }

  /** Starts listening on a daemon thread named {@code threadName}. */
  public synchronized void start(String threadName) {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops and closes the connection; waits up to 5 s for the thread. */
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

  public synchronized boolean isRunning() {
    return running;
  }

  /** Closes the LISTEN connection under the listener's feet, for tests of the reconnect. */
  public void breakConnection() throws SQLException {
    Connection con = connection;
    if (con != null) {
      con.close();
    }
  }
}
