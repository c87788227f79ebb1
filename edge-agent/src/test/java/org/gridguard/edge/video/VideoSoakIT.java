package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several RTSP streams analysed for minutes ({@code -Dvideo.soak.seconds}, default 120), each
 * looping a clip in which an object crosses a zone every 20 s, so alarms fire and full-resolution
 * snapshots and evidence clips (FFmpeg encoder) are made again and again. Resident memory (VmRSS) sampled after a warm-up must not
 * keep growing.
 */
class VideoSoakIT {
  @RegisterExtension
  static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir
  static Path dir;

  static final int STREAMS = 4;

  @Test
  void severalStreamsForMinutes_residentMemoryStaysFlat() throws Exception {
    int seconds = Integer.getInteger("video.soak.seconds", 120);
    Path clip = SyntheticVideo.clip(dir, "soak", 20, 25, 640, 360, "0",
        "null[s];color=c=white:s=48x96:r=25[p];[s][p]overlay=x='if(lt(t,5),-100,"
            + "(t-5)*60)':y=220:eval=frame:shortest=1", "", List.of());
    List<Map<String, Object>> cameras = new ArrayList<>();
    List<URI> targets = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      URI target = URI.create("rtsp://127.0.0.1:" + FreePorts.pick() + "/cam" + i);
      targets.add(target);
      Map<String, Object> cam = new LinkedHashMap<>();
      cam.put("id", "cam-" + i);
      cam.put("url", target.toString());
      cam.put("ffmpeg_options", Map.of("rtsp_flags", "listen", "listen_timeout", "5"));
      cam.put("clip", Map.of("enabled", true, "pre", "2s", "post", "2s"));
      cam.put("zones", List.of(Map.of("name", "yard", "hold", "2s",
          "polygon", List.of(List.of(0.3, 0.5), List.of(0.7, 0.5), List.of(0.7, 1.0),
              List.of(0.3, 1.0)))));
      cameras.add(cam);
    }
    RecordingSpool spool = new RecordingSpool();
    List<Long> rss = new ArrayList<>();
    try (VideoAnalysis video = new VideoAnalysis(VideoRun.config(cameras), spool, "boot-1")) {
      video.start();
      targets.forEach(t -> ffmpeg.pushRtsp(clip, t));
      long start = System.currentTimeMillis();
      long end = start + seconds * 1000L;
      while (System.currentTimeMillis() < end) {
        Thread.sleep(5_000); // soak pacing: a memory sample every 5 s for the run's length
        if (System.currentTimeMillis() - start >= seconds * 1000L / 3) {
          System.gc();
          rss.add(residentKiB());
        }
      }
      long motion = spool.records().stream()
          .filter(r -> r.getAlarm().getType() == AlarmType.ZONE_MOTION).count();
      System.out.printf("soak: %d streams, %d s, alarms=%d motion=%d evidence_chunks=%d "
          + "rss_kib=%s metrics=%s%n", STREAMS, seconds, spool.records().size(), motion,
          spool.chunks().size(), rss, video.metrics());
      // each stream crosses the zone every 20 s: most crossings must have been seen
      assertThat(motion).as("zone motion alarms (BEGIN+END)")
          .isGreaterThanOrEqualTo(STREAMS * (seconds / 20 - 2));
      assertThat(spool.chunks()).isNotEmpty();
      assertThat(spool.chunks()).anyMatch(c -> c.getContentType().equals("video/mp4"));
    }
    // Flat: the median of the last third of the samples is no higher than the median of the
    // first third plus 5% (+16 MiB for allocator and GC noise). Leaking one analysis frame per
    // analysed frame would add ~100 MiB a minute here, one full-res picture per snapshot more.
    assertThat(rss).as("RSS samples").hasSizeGreaterThanOrEqualTo(6);
    int third = rss.size() / 3;
    double first = median(rss.subList(0, third));
    double last = median(rss.subList(rss.size() - third, rss.size()));
    assertThat(last).as("VmRSS KiB after warm-up: %s", rss)
        .isLessThanOrEqualTo(first * 1.05 + 16 * 1024);
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  static long residentKiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    throw new AssertionError("no VmRSS in /proc/self/status");
  }
}
