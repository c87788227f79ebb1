package org.gridguard.edge.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each configured camera as MJPEG over HTTP from an ffmpeg child in listen mode
 * ({@code http://127.0.0.1:<port_base + i>/<id>.mjpg}), restarted after each client as the
 * listen mode serves one client per process. {@link #close()} stops every child: none outlives
 * the simulator.
 */
final class CameraStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CameraStreams.class);

  private final SimConfig config;
  private final SimClock clock;
  private final long startEpochMicros;
  private final int portBase;
  private final List<Thread> supervisors = new ArrayList<>();
  private final List<Process> running = new ArrayList<>();
  private final AtomicInteger starts = new AtomicInteger();
  private volatile boolean stopped;

  CameraStreams(SimConfig config, SimClock clock, long startEpochMicros, int portBase) {
    this.config = config;
    this.clock = clock;
    this.startEpochMicros = startEpochMicros;
    this.portBase = portBase;
  }

  static String url(int port, SimConfig.Camera camera) {
    return "http://127.0.0.1:" + port + "/" + camera.id() + ".mjpg";
  }

  List<String> command(int index) {
    SimConfig.Cameras c = config.cameras();
    SimConfig.Camera camera = c.streams().get(index);
    return List.of(c.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=" + c.size() + ":rate=" + c.fps(),
        "-vf", CameraFilter.of(camera, config.day(), clock, startEpochMicros),
        "-fps_mode", "passthrough", "-f", "mpjpeg", "-q:v", "5", "-listen", "1",
        "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg",
        url(portBase + index, camera));
  }

  /** Starts one supervisor per camera; fails at once if ffmpeg is not there. */
  void start() {
    if (!Files.isExecutable(Path.of(config.cameras().ffmpeg()))) {
      throw new IllegalStateException("cameras.ffmpeg: " + config.cameras().ffmpeg()
          + " is not an executable (apt-get install ffmpeg, or set cameras.ffmpeg)");
    }
    for (int i = 0; i < config.cameras().streams().size(); i++) {
      int index = i;
      Thread t = new Thread(() -> supervise(index), "sim-camera-" + i);
      t.setDaemon(true);
      supervisors.add(t);
      t.start();
      log.info("camera {} at {}", config.cameras().streams().get(i).id(),
          url(portBase + i, config.cameras().streams().get(i)));
    }
  }

  /** ffmpeg processes started so far (one per client served, plus the waiting ones). */
  int starts() {
    return starts.get();
  }

  int count() {
    return supervisors.size();
  }

  private void supervise(int index) {
    List<String> cmd = command(index);
    while (!stopped) {
      Process p;
      try {
        synchronized (running) {
          if (stopped) {
            return;
          }
          p = new ProcessBuilder(cmd).redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
          running.add(p);
        }
        starts.incrementAndGet();
        int exit = p.waitFor();
        synchronized (running) {
          running.remove(p);
        }
        if (!stopped && exit != 0) {
          // a client that went away ends ffmpeg with an error too; do not spin on a real failure
          TimeUnit.MILLISECONDS.sleep(500);
        }
      } catch (IOException e) {
        log.error("camera {}: cannot start ffmpeg: {}", index, e.getMessage());
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    List<Process> children;
    synchronized (running) {
      children = List.copyOf(running);
    }
    children.forEach(Process::destroy);
    for (Process p : children) {
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    supervisors.forEach(Thread::interrupt);
  }
}
