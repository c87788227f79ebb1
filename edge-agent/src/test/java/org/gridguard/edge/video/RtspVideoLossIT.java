package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Record;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.FfmpegStream;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera streaming H.264 over RTSP (TCP) is killed and comes back: one VIDEO_LOSS BEGIN within
 * 10 s, no flapping while the source reconnects with backoff, one END once video flows again.
 * Meanwhile a second camera that accepts TCP but never answers (a hung camera) must not hold up
 * the first. ffmpeg has no RTSP server for pull clients, so the camera pushes to the grabber
 * opened in FFmpeg's RTSP listen mode ({@code rtsp_flags=listen}); the reconnect, watchdog and
 * detector logic is the same as for a pulled stream.
 */
class RtspVideoLossIT {
  @RegisterExtension
  static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir
  static Path dir;

  @Test
  void cameraKilledAndRestarted_oneLossAlarmThenRecovery_hungCameraBlocksNobody()
      throws Exception {
    Path clip = SyntheticVideo.clip(dir, "live", 20, 25, 640, 360, "0", "", "", List.of());
    int port = FreePorts.pick();
    URI target = URI.create("rtsp://127.0.0.1:" + port + "/cam");
    RecordingSpool spool = new RecordingSpool();

    try (ServerSocket hung = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        while (!hung.isClosed()) {
          try {
            accepted.add(hung.accept()); // accept and never answer
          } catch (Exception e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      Map<String, Object> live = camera("cam-live", target.toString());
      live.put("ffmpeg_options", Map.of("rtsp_flags", "listen", "listen_timeout", "2"));
      Map<String, Object> stuck = camera("cam-hung",
          "rtsp://127.0.0.1:" + hung.getLocalPort() + "/stream");

      try (VideoAnalysis video = new VideoAnalysis(VideoRun.config(List.of(live, stuck)), spool,
          "boot-1")) {
        video.start();
        FfmpegStream camera = ffmpeg.pushRtsp(clip, target);

        waitFor(() -> analysed(video, "cam-live") > 50, 30_000, "frames from the live camera");
        assertThat(lossRecords(spool, "cam-live")).isEmpty();

        long killedAt = System.currentTimeMillis();
        camera.kill();
        waitFor(() -> !lossRecords(spool, "cam-live").isEmpty(), 15_000, "video loss alarm");
        Record begin = lossRecords(spool, "cam-live").get(0);
        assertThat(begin.getAlarm().getPhase()).isEqualTo(AlarmPhase.BEGIN);
        long raisedAfter = System.currentTimeMillis() - killedAt;
        assertThat(raisedAfter).as("video loss raised within 10 s").isLessThan(10_000);

        Thread.sleep(12_000); // several reconnect attempts with backoff: no flapping
        assertThat(lossRecords(spool, "cam-live")).as(spool.describe()).hasSize(1);
        long reconnects = video.metrics().stream()
            .filter(m -> m.cameraId().equals("cam-live")).findFirst().orElseThrow().reconnects();
        assertThat(reconnects).as("the source kept retrying").isGreaterThanOrEqualTo(2);

        long before = analysed(video, "cam-live");
        camera.start();
        waitFor(() -> lossRecords(spool, "cam-live").size() == 2, 30_000, "video back");
        Record end = lossRecords(spool, "cam-live").get(1);
        assertThat(end.getAlarm().getPhase()).isEqualTo(AlarmPhase.END);
        assertThat(end.getAlarm().getAlarmId()).isEqualTo(begin.getAlarm().getAlarmId());
        assertThat(analysed(video, "cam-live")).isGreaterThan(before);

        // the hung camera: alarmed, retried, and never blocked the live one
        assertThat(lossRecords(spool, "cam-hung")).isNotEmpty();
        assertThat(lossRecords(spool, "cam-hung").get(0).getAlarm().getDetail())
            .contains("no video");
      } finally {
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }

  private static Map<String, Object> camera(String id, String url) {
    Map<String, Object> cam = new LinkedHashMap<>();
    cam.put("id", id);
    cam.put("url", url);
    cam.put("io_timeout", "2s");
    cam.put("no_frame_timeout", "3s");
    cam.put("reconnect_backoff", Map.of("min", "250ms", "max", "2s"));
    cam.put("detect", Map.of("video_loss_after", "5s", "clear_after", "3s"));
    return cam;
  }

  private static List<Record> lossRecords(RecordingSpool spool, String camera) {
    return spool.records().stream()
        .filter(r -> r.getDeviceId().equals(camera) && r.getAlarm().getType()
            == AlarmType.VIDEO_LOSS)
        .toList();
  }

  private static long analysed(VideoAnalysis video, String camera) {
    return video.metrics().stream().filter(m -> m.cameraId().equals(camera)).findFirst()
        .orElseThrow().framesAnalysed();
  }

  private static void waitFor(BooleanSupplier condition, long timeoutMs, String what)
      throws InterruptedException {
    org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofMillis(timeoutMs))
        .pollInterval(java.time.Duration.ofMillis(100)).until(condition::getAsBoolean);
  }
}
