package org.gridguard.edge.source.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.FfmpegStream;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CameraSourceIT {
  @RegisterExtension
  static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir
  static Path dir;

  @Test
  void httpMjpegCamera_decodesEveryFrame_analysesAtConfiguredRate() throws Exception {
    Path clip = FfmpegSource.makeClip(dir, "testsrc2", 5, 640, 360, 25, "libx264");
    FfmpegStream camera = ffmpeg.serveHttpMjpeg(clip);
    CameraStream config = camera("mjpeg", camera.uri().toString(), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), Map.of());
    AtomicInteger frames = new AtomicInteger();
    AtomicReference<GrayFrame> last = new AtomicReference<>();
    CameraSource source = new CameraSource(config, listener(frames, last, new AtomicInteger()),
        System::currentTimeMillis);
    source.start();
    try {
      await("the first frame").atMost(Duration.ofSeconds(30)).until(() -> frames.get() > 0);
      int before = frames.get();
      long decodedBefore = source.metrics().framesDecoded();
      Thread.sleep(6_000); // the measurement window: frames counted over 6 s
      int analysed = frames.get() - before;
      long decoded = source.metrics().framesDecoded() - decodedBefore;
      assertThat(analysed).as("5 fps over 6 s").isBetween(24, 36);
      assertThat(decoded).as("25 fps decoded over 6 s").isBetween(120L, 180L);
      assertThat(last.get().width()).isEqualTo(320);
      assertThat(last.get().height()).isEqualTo(180);
    } finally {
      source.stop();
    }
  }

  @Test
  void readerHungInNativeCall_watchdogReplacesItOnce_ticksContinue() throws Exception {
    int port = FreePorts.pick();
    // RTSP listen mode with no listen timeout and no publisher: avformat_open_input never returns
    CameraStream config = camera("stuck", "rtsp://127.0.0.1:" + port + "/x",
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(200),
        Duration.ofMillis(500), Map.of("rtsp_flags", "listen", "listen_timeout", "-1"));
    AtomicInteger ticks = new AtomicInteger();
    CameraSource source = new CameraSource(config,
        listener(new AtomicInteger(), new AtomicReference<>(), ticks), System::currentTimeMillis);
    try (CameraWatchdog watchdog = new CameraWatchdog(System::currentTimeMillis)) {
      watchdog.watch(source);
      source.start();
      // the limit is io_timeout + no_frame_timeout = 2 s; then once, and only once while hung
      await("the hung reader replaced").atMost(Duration.ofSeconds(30))
          .until(() -> source.metrics().abandonedThreads() >= 1);
      await("replaced only once while it stays hung").during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(10)).until(() -> source.metrics().abandonedThreads() == 1);
      assertThat(ticks.get()).as("health ticks go on").isGreaterThan(20);
    } finally {
      // release the abandoned reader: a client connects and hangs up
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          OutputStream out = s.getOutputStream()) {
        out.write("bye\r\n\r\n".getBytes());
      } catch (Exception e) {
        // the listener may already have gone
      }
      source.stop();
    }
  }

  private static FrameListener listener(AtomicInteger frames, AtomicReference<GrayFrame> last,
      AtomicInteger ticks) {
    return new FrameListener() {
      @Override
      public void onFrame(GrayFrame frame) {
        frames.incrementAndGet();
        last.set(frame);
      }

      @Override
      public void onTick(long nowMs, long lastFrameWallMs, String problem) {
        ticks.incrementAndGet();
      }
    };
  }

  /** The config parser's defaults (5 fps, 320x180, tcp, wall timing) with these settings. */
  private static CameraStream camera(String id, String url, Duration ioTimeout,
      Duration noFrameTimeout, Duration backoffMin, Duration backoffMax,
      Map<String, String> options) {
    return new CameraStream(id, url, "tcp", 5, 320, 180, false, ioTimeout, noFrameTimeout,
        backoffMin, backoffMax, false, options);
  }
}
