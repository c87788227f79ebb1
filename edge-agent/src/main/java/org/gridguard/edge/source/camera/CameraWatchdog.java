package org.gridguard.edge.source.camera;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for all cameras: every 250 ms it ticks each camera's listener (video loss is
 * judged from these ticks, not from frames, so it works when no frame ever comes) and replaces
 * reader threads stuck in a native call past the camera's I/O timeout plus its no-frame
 * timeout.
 */
public final class CameraWatchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CameraWatchdog.class);

  private final List<CameraSource> cameras = new CopyOnWriteArrayList<>();
  private final LongSupplier clock;
  private final ScheduledExecutorService timer;

  public CameraWatchdog(LongSupplier clock) {
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "camera-watchdog");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
  }

  public void watch(CameraSource camera) {
    cameras.add(camera);
  }

  /** Stops ticking a camera (stopped for good). */
  public void unwatch(CameraSource camera) {
    cameras.remove(camera);
  }

  void tick() {
    long now = clock.getAsLong();
    for (CameraSource c : cameras) {
      try {
        if (c.ended() || !c.running()) {
          continue; // not started yet (no video loss before the first connect), or stopped
        }
        Duration limit = c.config().ioTimeout().plus(c.config().noFrameTimeout());
        c.replaceIfHung(now, limit);
        c.listener().onTick(now, c.lastFrameWallMs(), c.problem());
      } catch (RuntimeException e) {
        log.warn("watchdog tick for camera {} failed: {}", c.config().id(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
