package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FfmpegSourceIT {
  @RegisterExtension static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir static Path clips;

  @Test
  void makeClip_twoSecondsLibx264_ffprobeShowsSizeAndFrameCount() {
    Path clip = FfmpegSource.makeClip(clips, "testsrc2", 2, 320, 240, 10, "libx264");

    Map<String, String> stream = ffprobe(clip);
    assertThat(clip.getFileName().toString()).endsWith(".mp4");
    assertThat(stream).containsEntry("codec_name", "h264")
        .containsEntry("width", "320")
        .containsEntry("height", "240")
        .containsEntry("nb_read_frames", "20");
  }

  @Test
  void serveHttpMjpeg_clientReadsThenReconnects_bothGetJpegParts() throws IOException {
    Path clip = FfmpegSource.makeClip(clips, "testsrc2", 2, 320, 240, 10, "libx264");
    FfmpegStream camera = ffmpeg.serveHttpMjpeg(clip);

    String first = readPartHeader(camera.uri());
    String second = readPartHeader(camera.uri());

    assertThat(first).startsWith("--ffmpeg").contains("Content-type: image/jpeg");
    assertThat(second).startsWith("--ffmpeg").contains("Content-type: image/jpeg");
    assertThat(camera.launches()).isGreaterThanOrEqualTo(2);
    camera.close();
    assertThat(camera.isRunning()).isFalse();
  }

  @Test
  void pushRtsp_listenerUpKilledRestarted_framesOnlyWhilePushing() {
    Path clip = FfmpegSource.makeClip(clips, "testsrc2", 2, 320, 240, 10, "libx264");
    URI target = URI.create("rtsp://127.0.0.1:" + FreePorts.pick() + "/cam");
    FfmpegStream camera = ffmpeg.pushRtsp(clip, target);

    assertThat(listen(target, 20).orFail().output()).contains("h264").contains("320x240");

    camera.kill();
    assertThat(camera.isRunning()).isFalse();
    assertThat(listen(target, 2).exitCode()).isNotZero();

    camera.start();
    assertThat(listen(target, 20).exitCode()).isZero();
    camera.close();
  }

  @Test
  void close_withStreams_processesGoneAndTempDirDeleted() {
    FfmpegSource own = new FfmpegSource();
    FfmpegStream camera = own.serveHttpMjpeg("testsrc2=size=160x120:rate=5");
    ProcessHandle process = camera.processHandle();
    Path dir = own.directory();

    own.close();

    assertThat(process.isAlive()).isFalse();
    assertThat(camera.isRunning()).isFalse();
    assertThat(Files.exists(dir)).isFalse();
  }

  /** Receives 15 frames as an RTSP listener, giving up after {@code waitSeconds} alone. */
  private static Commands.Result listen(URI url, int waitSeconds) {
    return Commands.run(Duration.ofSeconds(waitSeconds + 30L), "/usr/bin/ffmpeg",
        "-hide_banner", "-nostdin", "-nostats", "-rtsp_flags", "listen",
        "-listen_timeout", String.valueOf(waitSeconds), "-i", url.toString(),
        "-frames:v", "15", "-f", "null", "-");
  }

  private static Map<String, String> ffprobe(Path clip) {
    String output = Commands.run(Duration.ofSeconds(30), "/usr/bin/ffprobe", "-v", "error",
        "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=codec_name,width,height,nb_read_frames",
        "-of", "default=noprint_wrappers=1", clip.toString()).orFail().output();
    return Arrays.stream(output.split("\n"))
        .filter(line -> line.contains("="))
        .map(line -> line.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1].trim()));
  }

  /**
   * Connects (retrying while ffmpeg respawns) and returns the first part's header, after
   * checking that a JPEG (start-of-image marker FF D8) follows it.
   */
  private static String readPartHeader(URI uri) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      try {
        connection.connect(); // getContentType() alone would hide a refused connection
        assertThat(connection.getContentType())
            .isEqualTo("multipart/x-mixed-replace;boundary=ffmpeg");
        try (InputStream in = connection.getInputStream()) {
          String head = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
          int body = head.indexOf("\r\n\r\n") + 4;
          assertThat(head.substring(body, body + 2)).isEqualTo("\u00ff\u00d8");
          return head.substring(0, body - 4);
        }
      } catch (ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        ManagedProcess.sleep(Duration.ofMillis(100));
      } finally {
        connection.disconnect();
      }
    }
  }
}
