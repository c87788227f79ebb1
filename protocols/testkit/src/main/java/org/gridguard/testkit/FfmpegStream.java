package org.gridguard.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A video stream played by an ffmpeg process that {@link FfmpegSource} started: an HTTP MJPEG
 * server or an RTSP push. Like a camera, it comes back by itself: whenever ffmpeg exits (its one
 * HTTP client went away, the RTSP listener closed or is not up yet) it is started again after a
 * quarter second, until {@link #kill()} or {@link #stop()}. {@link #start()} brings it back on
 * the same URL, for "camera lost, camera back" tests.
 */
public final class FfmpegStream implements AutoCloseable {
  private static final long RESPAWN_DELAY_MILLIS = 250;
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final URI uri;
  private final List<String> command;
  private final Path dir;
  private final int listenPort;
  private ManagedProcess process;
  private boolean wanted;
  private int launches;

  /** @param listenPort the port ffmpeg serves on, or 0 if it is a client (RTSP push) */
  FfmpegStream(String name, URI uri, List<String> command, Path dir, int listenPort) {
    this.name = name;
    this.uri = uri;
    this.command = List.copyOf(command);
    this.dir = dir;
    this.listenPort = listenPort;
  }

  /** Where the stream can be read (HTTP) or where it is pushed to (RTSP). */
  public URI uri() {
    return uri;
  }

  /**
   * Starts ffmpeg (again) if it is not running; for a server, returns once it listens.
   *
   * @throws IllegalStateException with ffmpeg's log if a server does not listen within 10 s
   */
  public void start() {
    ManagedProcess started;
    synchronized (this) {
      wanted = true;
      if (process != null && process.isAlive()) {
        return;
      }
      started = launch();
    }
    if (listenPort != 0) {
      started.awaitReady("listening on port " + listenPort, LISTEN_TIMEOUT,
          () -> FreePorts.isListening(listenPort));
    }
  }

  /** Kills ffmpeg with SIGKILL, like pulling a camera's cable; it stays down until started. */
  public synchronized void kill() {
    wanted = false;
    if (process != null) {
      process.kill();
    }
  }

  /** Stops ffmpeg with SIGTERM; it stays down until started. */
  public synchronized void stop() {
    wanted = false;
    if (process != null) {
      process.stop(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether ffmpeg runs now (between respawns it briefly does not). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** How many times ffmpeg has been started, counting respawns. */
  public synchronized int launches() {
    return launches;
  }

  /** The current ffmpeg process. */
  public synchronized ProcessHandle processHandle() {
    if (process == null) {
      throw new IllegalStateException(name + " has not been started");
    }
    return process.handle();
  }

  /** ffmpeg's log, appended to by every launch. */
  public Path log() {
    return dir.resolve(name + ".out");
  }

  private ManagedProcess launch() {
    ManagedProcess launched = ManagedProcess.start(name, command, dir);
    process = launched;
    launches++;
    launched.handle().onExit().thenRun(() -> CompletableFuture.delayedExecutor(
            RESPAWN_DELAY_MILLIS, TimeUnit.MILLISECONDS)
        .execute(() -> respawn(launched)));
    return launched;
  }

  private synchronized void respawn(ManagedProcess exited) {
    if (wanted && process == exited && Files.isDirectory(dir)) {
      launch();
    }
  }
}
