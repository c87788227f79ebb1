package org.gridguard.edge.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.source.camera.CameraMetrics;

/**
 * The video benchmark ({@code deploy/bench/video.sh}): K simultaneous 720p H.264 25 fps RTSP
 * streams, pushed in real time by ffmpeg, analysed at 5 fps with one motion zone each (an object
 * crosses it every 20 s). Measures this process's CPU time over the window, then decodes the
 * same K streams for the same duration with {@code ffmpeg -threads 1 ... -f null -} as the
 * baseline (its own {@code -benchmark} utime + stime). Prints one line:
 * {@code video: streams=K analysed_fps_per_core=X cpu_ratio_vs_ffmpeg_decode=R
 * alarm_latency_p95_ms=L}.
 */
public final class VideoBenchmark {
  private static final Pattern BENCH = Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s");

  private VideoBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path dir = Files.createTempDirectory("gg-video-bench");
    try {
      run(streams, seconds, dir);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(int streams, int seconds, Path dir) throws Exception {
    String ffmpeg = SyntheticVideo.binary();
    Path clip = dir.resolve("cam720p.mp4");
    // A 720p25 H.264 main-profile camera stream (1 s GOP, no B-frames), mild sensor noise, an
    // object crossing the zone from t = 5 s.
    SyntheticVideo.run(List.of("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=1",
        "-frames:v", "1", dir.resolve("bg.png").toString()));
    SyntheticVideo.run(List.of("-loop", "1", "-framerate", "25", "-t", "20", "-i",
        dir.resolve("bg.png").toString(), "-filter_complex",
        "[0:v]null[s];color=c=white:s=96x192:r=25[p];[s][p]overlay=x='if(lt(t,5),-200,"
            + "(t-5)*120)':y=440:eval=frame:shortest=1,noise=alls=4:allf=t,format=yuv420p[v]",
        "-map", "[v]", "-t", "20", "-r", "25", "-c:v", "libx264", "-preset", "veryfast",
        "-profile:v", "main", "-g", "25", "-bf", "0", "-b:v", "3M", "-an", clip.toString()));

    List<Map<String, Object>> cameras = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      String target = "rtsp://127.0.0.1:" + freePort() + "/cam" + i;
      targets.add(target);
      Map<String, Object> cam = new LinkedHashMap<>();
      cam.put("id", "cam-" + i);
      cam.put("url", target);
      cam.put("ffmpeg_options", Map.of("rtsp_flags", "listen", "listen_timeout", "10"));
      cam.put("zones", List.of(Map.of("name", "yard", "hold", "2s",
          "polygon", List.of(List.of(0.3, 0.5), List.of(0.7, 0.5), List.of(0.7, 1.0),
              List.of(0.3, 1.0)))));
      cameras.add(cam);
    }
    RecordingSpool spool = new RecordingSpool();
    List<Process> pushers = new ArrayList<>();
    double cpuSeconds;
    long frames;
    long p95;
    int latencySamples;
    try (VideoAnalysis video = new VideoAnalysis(VideoRun.config(cameras), spool, "bench")) {
      video.start();
      Thread.sleep(500); // benchmark pacing: the RTSP listeners bind before the pushers start
      for (String target : targets) {
        pushers.add(push(ffmpeg, clip, target, dir));
      }
      // warm-up: connections, JIT, baselines. A pusher that came before its listener was bound
      // (JavaCV's natives load slowly on a busy machine) exits at once: push again.
      long warmUpEnd = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < warmUpEnd) {
        for (int i = 0; i < pushers.size(); i++) {
          if (!pushers.get(i).isAlive() && analysed(video, i) == 0) {
            pushers.set(i, push(ffmpeg, clip, targets.get(i), dir));
          }
        }
        Thread.sleep(250); // benchmark pacing: the warm-up's re-push check
      }
      long cpu0 = processCpuTicks();
      long frames0 = analysed(video);
      long detect0 = video.analysisNanos();
      Thread.sleep(seconds * 1000L); // the measurement window
      long cpu1 = processCpuTicks();
      frames = analysed(video) - frames0;
      double detectSeconds = (video.analysisNanos() - detect0) / 1e9;
      cpuSeconds = (cpu1 - cpu0) / 100.0;
      p95 = video.latency().count() == 0 ? -1
          : (Metrics.percentileMicros(video.latency(), 0.95) + 999) / 1000;
      latencySamples = (int) video.latency().count();
      System.err.printf("analysis: %d streams x %d s, cpu %.1f s (%.0f%% of %d cores), "
              + "%d frames analysed (detectors %.1f s wall), %d motion alarms timed, metrics %s%n",
          streams, seconds, cpuSeconds, 100 * cpuSeconds / seconds / Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors(), frames, detectSeconds, latencySamples, video.metrics());
    } finally {
      for (Process p : pushers) {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
    }

    // Baseline: decode the same streams for the same duration, one thread each, in parallel.
    List<Process> decoders = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      decoders.add(new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-benchmark",
          "-threads", "1", "-stream_loop", "-1", "-t", Integer.toString(seconds), "-i",
          clip.toString(), "-an", "-f", "null", "-").redirectErrorStream(true).start());
    }
    double ffmpegCpu = 0;
    for (Process p : decoders) {
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      Matcher m = BENCH.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("ffmpeg -benchmark printed no utime/stime:\n" + out);
      }
      ffmpegCpu += Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
    }
    System.err.printf("baseline: ffmpeg -threads 1 decode of %d x %d s: cpu %.1f s%n", streams,
        seconds, ffmpegCpu);
    System.out.printf("video: streams=%d analysed_fps_per_core=%.1f cpu_ratio_vs_ffmpeg_decode="
            + "%.2f alarm_latency_p95_ms=%d%n", streams, frames / cpuSeconds,
        cpuSeconds / ffmpegCpu, p95);
  }

  private static long analysed(VideoAnalysis video) {
    return video.metrics().stream().mapToLong(CameraMetrics::framesAnalysed).sum();
  }

  /** utime + stime of this process, in clock ticks (100 per second on Linux). */
  private static long processCpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process push(String ffmpeg, Path clip, String target, Path dir)
      throws java.io.IOException {
    return new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
        "-re", "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-an", "-f",
        "rtsp", "-rtsp_transport", "tcp", target)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("push.log").toFile()))
        .start();
  }

  private static long analysed(VideoAnalysis video, int camera) {
    return video.metrics().get(camera).framesAnalysed();
  }
}
