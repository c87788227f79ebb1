package org.gridguard.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes synthetic clips with one ffmpeg binary; see {@link FfmpegSource#makeClip}. */
final class ClipMaker {
  private static final Logger log = LoggerFactory.getLogger(ClipMaker.class);
  private static final Map<Path, String> ENCODER_LISTS = new ConcurrentHashMap<>();
  private static final Set<String> MP4_CODECS = Set.of("libx264", "mpeg4", "libxvid");
  private static final Pattern BARE_SOURCE = Pattern.compile("[a-z0-9_]+");

  private final Path ffmpeg;

  ClipMaker(Path ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  Path make(Path dir, String graph, int seconds, int width, int height, int fps, String codec) {
    if (seconds <= 0 || fps <= 0 || width <= 0 || height <= 0 || width % 2 + height % 2 != 0) {
      throw new IllegalArgumentException("clip needs seconds, fps > 0 and an even width and "
          + "height > 0 (4:2:0 video), got " + seconds + " s, " + fps + " fps, "
          + width + "x" + height);
    }
    MissingServiceException.requireExecutable(ffmpeg, "ffmpeg");
    String actual = availableCodec(codec);
    String extension = MP4_CODECS.contains(actual) ? "mp4" : "mkv";
    Path out = dir.resolve(String.format(Locale.ROOT, "clip-%s-%dx%d-%dfps-%ds-%08x.%s",
        actual, width, height, fps, seconds, graph.hashCode(), extension));
    String source = BARE_SOURCE.matcher(graph).matches()
        ? graph + "=size=" + width + "x" + height + ":rate=" + fps
        : graph;
    List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner",
        "-nostdin", "-nostats", "-loglevel", "warning", "-y", "-f", "lavfi", "-i", source,
        "-t", String.valueOf(seconds), "-an",
        "-vf", "fps=" + fps + ",scale=" + width + ":" + height));
    command.addAll(encoderArgs(actual, fps));
    if ("mp4".equals(extension)) {
      command.addAll(List.of("-movflags", "+faststart"));
    }
    command.add(out.toString());
    Commands.run(Duration.ofSeconds(60L + 10L * seconds), command).orFail();
    return out;
  }

  /** {@code codec}, or mpeg4 if it is libx264 and this ffmpeg was built without it. */
  String availableCodec(String codec) {
    if ("libx264".equals(codec) && !hasEncoder("libx264")) {
      log.warn("{} has no libx264 encoder, encoding MPEG-4 part 2 instead", ffmpeg);
      return "mpeg4";
    }
    return codec;
  }

  boolean hasEncoder(String name) {
    MissingServiceException.requireExecutable(ffmpeg, "ffmpeg");
    String encoders = ENCODER_LISTS.computeIfAbsent(ffmpeg, binary -> Commands.run(
        Duration.ofSeconds(30), binary.toString(), "-hide_banner", "-encoders").orFail().output());
    return Pattern.compile("^\\s*V\\S*\\s+" + Pattern.quote(name) + "\\s", Pattern.MULTILINE)
        .matcher(encoders).find();
  }

  /** Encoder options that make video like an IP camera's: a keyframe a second, no B-frames. */
  static List<String> encoderArgs(String codec, int fps) {
    String gop = String.valueOf(fps);
    switch (codec) {
      case "libx264":
        return List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            "-g", gop, "-bf", "0");
      case "mpeg4":
        return List.of("-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", "-g", gop, "-bf", "0");
      case "mjpeg":
        return List.of("-c:v", "mjpeg", "-q:v", "5", "-pix_fmt", "yuvj420p");
      default:
        return List.of("-c:v", codec);
    }
  }
}
