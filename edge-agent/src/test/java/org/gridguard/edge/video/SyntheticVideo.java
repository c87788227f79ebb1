package org.gridguard.edge.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.MissingServiceException;

/**
 * Makes synthetic camera clips with Debian's {@code ffmpeg}: a textured still scene (a test
 * pattern) with sensor-like temporal noise, plus the anomaly under test. The testkit's
 * {@code FfmpegSource.makeClip} takes one lavfi source; these clips need an image input, crop
 * expressions and two-input filters, hence this helper. A missing ffmpeg fails the test naming
 * the Debian package.
 */
final class SyntheticVideo {
  static final String FFMPEG = "ffmpeg";

  private SyntheticVideo() {
  }

  /** Debian's ffmpeg; a missing one fails with the testkit's MissingServiceException. */
  static String binary() {
    return MissingServiceException.requireExecutable(FfmpegSource.DEFAULT_BINARY, FFMPEG)
        .toString();
  }

  /** A still background picture, larger than any clip so it can be shifted. */
  static Path background(Path dir) throws IOException {
    Path bg = dir.resolve("background.png");
    if (!Files.exists(bg)) {
      run(List.of("-f", "lavfi", "-i", "testsrc2=s=720x420:r=1:d=1", "-frames:v", "1",
          bg.toString()));
    }
    return bg;
  }

  /**
   * An H.264 clip of the background cropped to {@code width x height} at (x, y), with
   * {@code scene} filters applied before the noise and {@code after} filters after it.
   *
   * @param x crop x expression (may depend on t to shift the scene)
   */
  static Path clip(Path dir, String name, int seconds, int fps, int width, int height, String x,
      String scene, String after, List<String> extraInputs) throws IOException {
    Path bg = background(dir);
    Path out = dir.resolve(name + ".mp4");
    List<String> args = new ArrayList<>(List.of("-loop", "1", "-framerate",
        Integer.toString(fps), "-t", Integer.toString(seconds), "-i", bg.toString()));
    args.addAll(extraInputs);
    String graph = "[0:v]crop=" + width + ":" + height + ":x='" + x + "':y=20"
        + (scene.isEmpty() ? "" : "," + scene)
        + ",noise=alls=10:allf=t"
        + (after.isEmpty() ? "" : "," + after) + ",format=yuv420p[v]";
    args.addAll(List.of("-filter_complex", graph, "-map", "[v]", "-t",
        Integer.toString(seconds), "-r", Integer.toString(fps), "-c:v", "libx264", "-preset",
        "ultrafast", "-g", Integer.toString(fps), "-an", out.toString()));
    run(args);
    return out;
  }

  static void run(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.addAll(List.of("-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("ffmpeg did not finish: " + cmd);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    String output = new String(p.getInputStream().readAllBytes());
    if (p.exitValue() != 0) {
      throw new AssertionError("ffmpeg failed (" + p.exitValue() + "): " + cmd + "\n" + output);
    }
  }
}
