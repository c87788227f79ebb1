package org.gridguard.hub.device;

import io.micrometer.core.instrument.MeterRegistry;
import org.gridguard.hub.schedule.PostgresListen;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL: {@code LISTEN gridguard_camera_snapshot} ({@link PostgresListen}), passing each
 * notified gateway id to {@link SnapshotDispatch#wake}, and after a reconnect looking at every
 * session's requests, since a notification may have been missed. Nothing on H2 (the poll does
 * it). Metrics {@code gridguard_camera_snapshot_listener_connected}, {@code …_reconnects_total}.
 */
@Component
class SnapshotListener implements SmartLifecycle {
  private final SnapshotDispatch dispatch;
  private final PostgresListen listen;

  SnapshotListener(DataSourceProperties dataSource, SnapshotDispatch dispatch,
      SnapshotDispatchProperties config, MeterRegistry metrics) {
    this.dispatch = dispatch;
    this.listen = new PostgresListen(dataSource, new PostgresListen.Spec("camera snapshots",
        SnapshotDispatch.CHANNEL, "gridguard_camera_snapshot_listener",
        config.listenerMaxBackoff(), dispatch::wake, dispatch::wakeAll), metrics);
  }

  /** Whether the LISTEN connection is up now. */
  boolean connected() {
    return listen.connected();
  }

  @Override
  public void start() {
    if (dispatch.postgres()) {
      listen.start("camera-snapshot-listen");
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
}
