package org.gridguard.hub.patrol;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import org.gridguard.hub.schedule.PostgresListen;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL: {@code LISTEN gridguard_patrol_feed} ({@link PostgresListen}), waking this
 * instance's streams of the user each notification names, and every stream after a reconnect,
 * since a notification may have been missed meanwhile. Does nothing on H2 (one instance; the
 * poller and the local after-commit signal suffice). Metrics
 * {@code gridguard_patrol_listener_connected}, {@code …_reconnects_total}.
 */
@Component
class PostgresFeedListener implements SmartLifecycle {
  private final FeedSignal signal;
  private final PostgresListen listen;

  PostgresFeedListener(DataSourceProperties dataSource, FeedSignal signal, FeedStreams streams,
      PatrolProperties config, MeterRegistry metrics) {
    this.signal = signal;
    this.listen = new PostgresListen(dataSource, new PostgresListen.Spec("patrol feed",
        FeedSignal.CHANNEL, "gridguard_patrol_listener", config.listenerMaxBackoff(),
        payload -> {
          for (String user : FeedSignal.usersOf(payload)) {
            streams.wake(user);
          }
        }, streams::wakeAll), metrics);
  }

  /** Whether the LISTEN connection is up now. */
  boolean connected() {
    return listen.connected();
  }

  @Override
  public void start() {
    if (signal.postgres()) {
      listen.start("patrol-feed-listen");
    }
  }

  @Override
  public void stop() {
    listen.stop();
  }

  @Override
  public boolean isRunning() {
    return listen.isRunning();
  }

  /** Closes the LISTEN connection under the listener's feet, for tests of the reconnect. */
  void breakConnection() throws SQLException {
    listen.breakConnection();
  }
}
