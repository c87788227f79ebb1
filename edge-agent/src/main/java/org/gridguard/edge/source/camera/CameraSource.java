package org.gridguard.edge.source.camera;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.gridguard.protocol.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one camera on its own thread: connect, decode every frame, convert only the frames due
 * for analysis (at {@code analysis_fps}) to small gray, hand them to the listener; on error or
 * silence close and reconnect with the shared jittered backoff (so the cameras of a village
 * do not all hit their recorder at the same instants after a power cut). A thread stuck in a native call is
 * abandoned by the {@link CameraWatchdog} and replaced (at most one abandoned thread per
 * camera), so a hung camera never holds up the others or itself for long.
 */
public final class CameraSource {
  private static final Logger log = LoggerFactory.getLogger(CameraSource.class);
  private static final int SNAPSHOT_QUEUE = 4;

  private final CameraStream config;
  private final FrameListener listener;
  private final LongSupplier clock;
  private final BlockingQueue<SnapshotRequest> snapshots =
      new ArrayBlockingQueue<>(SNAPSHOT_QUEUE);
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicLong lastFrameWallMs = new AtomicLong();
  private final AtomicLong busySinceMs = new AtomicLong(-1);
  private final AtomicLong framesDecoded = new AtomicLong();
  private final AtomicLong framesAnalysed = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong snapshotsDropped = new AtomicLong();
  private volatile Thread thread;
  private volatile Thread abandonedThread;
  private volatile String problem;
  private volatile boolean running;
  private volatile boolean ended;
  private final CountDownLatch stopSignal = new CountDownLatch(1);

  public CameraSource(CameraStream config, FrameListener listener, LongSupplier clock) {
    this.config = config;
    this.listener = listener;
    this.clock = clock;
  }

  public CameraStream config() {
    return config;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    if (stopSignal.getCount() == 0) {
      throw new IllegalStateException("camera " + config.id() + " was stopped; a stopped source "
          + "is not restarted (create a new one)");
    }
    running = true;
    lastFrameWallMs.set(clock.getAsLong());
    spawn();
  }

  private void spawn() {
    int gen = generation.incrementAndGet();
    Thread t = new Thread(() -> run(gen), "camera-" + config.id() + "-" + gen);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * Queues a full-resolution snapshot of the next frame. Returns false when the queue is full
   * or the camera has no live stream; the caller then has no evidence for that alarm.
   */
  public boolean requestSnapshot(SnapshotRequest request) {
    if (!snapshots.offer(request)) {
      snapshotsDropped.incrementAndGet();
      return false;
    }
    return true;
  }

  private void run(int gen) {
    FfmpegLog.forCamera(config.id());
    Backoff backoff = new Backoff(config.backoffMin(), config.backoffMax());
    boolean live = config.isLive();
    int failures = 0;
    long sessions = 0;
    while (running && gen == generation.get()) {
      boolean gotFrame = false;
      FfmpegVideoInput input = new FfmpegVideoInput(config);
      try {
        busySinceMs.set(clock.getAsLong());
        input.start();
        busySinceMs.set(-1);
        problem = null;
        sessions++;
        if (sessions == 1) {
          log.info("camera {}: connected to {}", config.id(), config.safeUrl());
        } else {
          log.info("camera {}: reconnected to {} (connection {}, after {} failed attempt(s))",
              config.id(), config.safeUrl(), sessions, failures);
        }
        gotFrame = pump(input, gen);
        if (gotFrame) {
          failures = 0;
        }
        if (!live && gen == generation.get()) {
          log.info("camera {}: {} ended after {} frame(s)", config.id(), config.safeUrl(),
              framesDecoded.get());
          ended = true;
          listener.onEnd();
          return;
        }
        if (running && gen == generation.get()) {
          problem = "stream ended or stalled";
          log.info("camera {}: stream ended or stalled; reconnecting", config.id());
        }
      } catch (Exception e) {
        if (gen != generation.get()) {
          return; // an abandoned reader whose native call finally failed
        }
        problem = Redaction.forPeople(e.getMessage(), config.url());
        failures++;
        if (failures == 1 || failures % 50 == 0) { // a camera down for hours: not every retry
          log.warn("camera {}: {} (failure {}, retrying with backoff up to {})", config.id(),
              problem, failures, config.backoffMax());
        }
        if (!live) {
          ended = true;
          listener.onEnd();
          return;
        }
      } finally {
        busySinceMs.set(-1);
        input.close();
        failPendingSnapshots();
      }
      if (!running || gen != generation.get()) {
        return;
      }
      reconnects.incrementAndGet();
      if (gotFrame) {
        backoff.reset();
      }
      awaitStop(backoff.nextDelayMs());
    }
  }

  /** Reads frames until the stream ends, stalls or this thread is superseded. */
  private boolean pump(FfmpegVideoInput input, int gen) throws Exception {
    long intervalUs = Math.round(1_000_000 / config.analysisFps());
    long lastAnalysedUs = Long.MIN_VALUE / 2;
    long prevUs = -1;
    long frameUs = 40_000;
    long openedWall = clock.getAsLong();
    boolean gotFrame = false;
    while (running && gen == generation.get()) {
      SnapshotRequest snap = snapshots.poll();
      if (snap != null) {
        busySinceMs.set(clock.getAsLong());
        BufferedImage image = input.nextFullResolution();
        busySinceMs.set(-1);
        if (gen != generation.get()) {
          snap.onImage().accept(null); // abandoned meanwhile: the new reader owns the listener
          return gotFrame;
        }
        snap.onImage().accept(image);
        if (image == null) {
          return gotFrame;
        }
        markFrame();
        continue;
      }
      long predictedUs = prevUs < 0 ? 0 : prevUs + frameUs;
      boolean analyse = config.keyframesOnly()
          || predictedUs - lastAnalysedUs >= intervalUs - frameUs / 2;
      long wall = clock.getAsLong();
      busySinceMs.set(wall);
      GrayFrame frame = input.next(analyse, 0);
      busySinceMs.set(-1);
      if (frame == null || gen != generation.get()) {
        return gotFrame; // end of stream, or abandoned meanwhile: never two readers delivering
      }
      long ts = input.timestampUs();
      if (frame == FfmpegVideoInput.SKIPPED) {
        if (ts >= 0) {
          if (prevUs >= 0 && ts > prevUs) {
            frameUs = Math.min(1_000_000, ts - prevUs);
          }
          prevUs = ts;
          markFrame();
          gotFrame = true;
        }
        if (clock.getAsLong() - lastFrameWallMs.get() > config.noFrameTimeout().toMillis()) {
          throw new IllegalStateException("no video frame for " + config.noFrameTimeout());
        }
        continue;
      }
      if (prevUs >= 0 && ts > prevUs) {
        frameUs = Math.min(1_000_000, ts - prevUs);
      }
      prevUs = ts;
      lastAnalysedUs = ts;
      gotFrame = true;
      markFrame();
      framesAnalysed.incrementAndGet();
      long timeMs = config.streamTiming() ? openedWall + ts / 1000 : clock.getAsLong();
      listener.onFrame(new GrayFrame(frame.width(), frame.height(), frame.pixels(), timeMs));
    }
    return gotFrame;
  }

  private void markFrame() {
    framesDecoded.incrementAndGet();
    lastFrameWallMs.set(clock.getAsLong());
  }

  private void failPendingSnapshots() {
    SnapshotRequest r;
    while ((r = snapshots.poll()) != null) {
      r.onImage().accept(null);
    }
  }

  /**
   * Called by the watchdog: if this camera's thread has been inside one native call for longer
   * than {@code limit}, abandon it and start a fresh one. Returns true when it did.
   */
  boolean replaceIfHung(long nowMs, Duration limit) {
    long since = busySinceMs.get();
    if (!running || ended || since < 0 || nowMs - since < limit.toMillis()) {
      return false;
    }
    Thread old = abandonedThread;
    if (old != null && old.isAlive()) {
      return false; // bounded: never more than one abandoned thread per camera
    }
    abandonedThread = thread;
    abandoned.incrementAndGet();
    busySinceMs.set(-1);
    problem = "stream hung in a native call for " + (nowMs - since) / 1000 + " s";
    log.warn("camera {}: {}; starting a new reader thread", config.id(), problem);
    spawn();
    return true;
  }

  long lastFrameWallMs() {
    return lastFrameWallMs.get();
  }

  String problem() {
    return problem;
  }

  boolean ended() {
    return ended;
  }

  boolean running() {
    return running;
  }

  FrameListener listener() {
    return listener;
  }

  /** FFmpeg log lines dropped by the per-camera bound, all cameras. */
  public static long ffmpegLinesSuppressed() {
    return FfmpegLog.suppressedTotal();
  }

  public CameraMetrics metrics() {
    return new CameraMetrics(config.id(), framesDecoded.get(), framesAnalysed.get(),
        reconnects.get(), abandoned.get(), snapshotsDropped.get(), snapshots.size());
  }

  /**
   * Stops reconnecting at once (a reader waiting in its backoff wakes up and leaves); a reader
   * inside a native call leaves when that call returns. Does not wait: see {@link #awaitStopped}.
   */
  public void stopReconnecting() {
    running = false;
    generation.incrementAndGet();
    stopSignal.countDown();
  }

  /**
   * Waits until the reader thread has left, at most until {@code deadlineNanos}
   * ({@link System#nanoTime()}); true when it has. A thread still inside FFmpeg then is left
   * behind (daemon; it delivers nothing any more).
   */
  public boolean awaitStopped(long deadlineNanos) {
    Thread t = thread;
    if (t == null) {
      return true;
    }
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        t.join(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  /** {@link #stopReconnecting()} then waits up to the I/O timeout plus 2 s. */
  public void stop() {
    stopReconnecting();
    awaitStopped(System.nanoTime() + config.ioTimeout().plusSeconds(2).toNanos());
  }

  /** Sleeps for the backoff unless stopped meanwhile. */
  private void awaitStop(long ms) {
    try {
      stopSignal.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
