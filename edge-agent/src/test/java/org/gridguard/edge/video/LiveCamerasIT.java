package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.FfmpegStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras started and stopped while the analysis runs (a pushed configuration): a camera
 * started later is watched like the others (video loss), a stopped one leaves with its meters
 * and its open alarms get their END, and "snapshot now" puts a JPEG in the spool.
 */
class LiveCamerasIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @RegisterExtension
  static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir static Path dir;

  private static Map<String, Object> camera(String id, String url) {
    Map<String, Object> cam = new LinkedHashMap<>();
    cam.put("id", id);
    cam.put("url", url);
    cam.put("time_zone", "UTC");
    cam.put("analysis_fps", 2);
    cam.put("io_timeout", "2s");
    cam.put("no_frame_timeout", "3s");
    cam.put("reconnect_backoff", Map.of("min", "250ms", "max", "2s"));
    cam.put("detect", Map.of("video_loss_after", "3s"));
    return cam;
  }

  @Test
  void startStopSnapshot_whileRunning_watchedAlarmedAndEnded() throws Exception {
    Path clip = FfmpegSource.makeClip(dir, "testsrc2", 5, 640, 360, 25, "libx264");
    FfmpegStream stream = ffmpeg.serveHttpMjpeg(clip);
    RecordingSpool spool = new RecordingSpool();
    Metrics metrics = new Metrics();
    try (ServerSocket hung = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        VideoAnalysis video = new VideoAnalysis(CamerasConfig.none(), spool, "boot-1", null,
            metrics)) {
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
      video.start();

      video.startCamera(VideoRun.config(List.of(camera("live", stream.uri().toString())))
          .cameras().get(0));
      video.startCamera(VideoRun.config(List.of(camera("hung",
          "http://127.0.0.1:" + hung.getLocalPort() + "/cam.mjpg"))).cameras().get(0));

      await("frames of the camera started later").atMost(WAIT)
          .until(() -> frames(video, "live") > 4);
      await("video loss of the hung camera").atMost(WAIT).until(() -> spool.records().stream()
          .anyMatch(r -> r.getDeviceId().equals("hung")
              && r.getAlarm().getType() == AlarmType.VIDEO_LOSS
              && r.getAlarm().getPhase() == AlarmPhase.BEGIN));

      String evidenceId = video.snapshotNow("live").get(30, TimeUnit.SECONDS);
      assertThat(spool.chunks()).anySatisfy(c -> {
        assertThat(c.getEvidenceId()).isEqualTo(evidenceId);
        assertThat(c.getDeviceId()).isEqualTo("live");
        assertThat(c.getContentType()).isEqualTo("image/jpeg");
      });
      assertThatThrownBy(() -> video.snapshotNow("nowhere").get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("camera nowhere is not configured at this gateway");

      assertThat(video.stopCamera("hung")).isTrue();
      assertThat(video.endAlarmsOfStoppedCameras()).isEqualTo(1);
      assertThat(spool.records().stream().filter(r -> r.getDeviceId().equals("hung")
          && r.getAlarm().getPhase() == AlarmPhase.END)).singleElement()
          .satisfies(r -> assertThat(r.getAlarm().getDetail()).contains("no longer configured"));
      assertThat(metrics.snapshot()).doesNotContainKey("video.camera.frames_decoded[camera=hung]")
          .containsKey("video.camera.frames_decoded[camera=live]");
      assertThat(video.cameras()).extracting(c -> c.id()).containsExactly("live");
      long live = frames(video, "live");
      await("the other camera goes on").atMost(WAIT).until(() -> frames(video, "live") > live);
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static long frames(VideoAnalysis video, String camera) {
    return video.metrics().stream().filter(m -> m.cameraId().equals(camera)).findFirst()
        .map(m -> m.framesAnalysed()).orElse(-1L);
  }
}
