package org.gridguard.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic camera video from the Debian package {@code ffmpeg} (5.1 on Debian 12): clip files
 * made with lavfi test sources, MJPEG over HTTP like a cheap IP camera, and RTSP pushed to a
 * listener. Streams are {@link FfmpegStream}s that this source stops when it is closed; their
 * logs are in its temp dir.
 *
 * <pre>{@code
 * @RegisterExtension static final FfmpegSource ffmpeg = new FfmpegSource();
 * ...
 * Path clip = FfmpegSource.makeClip(dir, "testsrc2", 2, 320, 240, 10, "libx264");
 * FfmpegStream camera = ffmpeg.serveHttpMjpeg(clip);   // camera.uri(): http://127.0.0.1:p/cam.mjpg
 * }</pre>
 */
public final class FfmpegSource extends ServiceExtension {
  /** Where the Debian package installs ffmpeg. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/ffmpeg");

  private final Path binary;
  private final List<FfmpegStream> streams = new ArrayList<>();
  private Path dir;

  /** The Debian package's ffmpeg. */
  public FfmpegSource() {
    this(DEFAULT_BINARY);
  }

  FfmpegSource(Path binary) {
    this.binary = binary;
  }

  /**
   * Encodes a clip of {@code seconds} from a lavfi source graph into {@code dir} and returns
   * its path (MP4 for libx264 and mpeg4, else Matroska). A bare source name such as
   * {@code testsrc2} or {@code smptebars} is generated at the requested size and rate; other
   * graphs are scaled and resampled to it. H.264 gets one keyframe per second and no B-frames,
   * as IP cameras send. If {@code codec} is {@code libx264} and this ffmpeg lacks it, mpeg4 is
   * used instead (Debian's ffmpeg has libx264).
   *
   * @throws IllegalStateException with the tail of ffmpeg's output if it fails
   * @throws MissingServiceException if ffmpeg is not installed
   */
  public static Path makeClip(Path dir, String lavfiFilterGraph, int seconds, int width,
      int height, int fps, String codec) {
    return new ClipMaker(DEFAULT_BINARY)
        .make(dir, lavfiFilterGraph, seconds, width, height, fps, codec);
  }

  /**
   * Serves {@code clip}, looped in real time, as MJPEG over HTTP
   * ({@code multipart/x-mixed-replace}) on a free port, from one ffmpeg {@code -listen 1}
   * process per client connection: one client at a time, as many reconnects as wanted.
   */
  public synchronized FfmpegStream serveHttpMjpeg(Path clip) {
    return serveHttpMjpeg(List.of("-re", "-stream_loop", "-1", "-i", clip.toString()));
  }

  /** {@link #serveHttpMjpeg(Path)} from a lavfi source graph, e.g. {@code testsrc2=rate=10}. */
  public synchronized FfmpegStream serveHttpMjpeg(String lavfiFilterGraph) {
    return serveHttpMjpeg(List.of("-re", "-f", "lavfi", "-i", lavfiFilterGraph));
  }

  /**
   * Pushes {@code clip} (H.264 or another codec RTSP carries), looped in real time and not
   * re-encoded, to the RTSP listener at {@code target} over TCP, e.g. a grabber opened with
   * {@code rtsp_flags=listen}. Keeps trying every quarter second while the listener is down.
   */
  public synchronized FfmpegStream pushRtsp(Path clip, URI target) {
    return pushRtsp(List.of("-re", "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy"),
        target);
  }

  /** {@link #pushRtsp(Path, URI)} from a lavfi source graph, encoded as it is sent. */
  public synchronized FfmpegStream pushRtsp(String lavfiFilterGraph, URI target) {
    List<String> encode = ClipMaker.encoderArgs(
        new ClipMaker(binary).availableCodec("libx264"), 10);
    List<String> input = new ArrayList<>(List.of("-re", "-f", "lavfi", "-i", lavfiFilterGraph));
    input.addAll(encode);
    return pushRtsp(input, target);
  }

  @Override
  public synchronized void start() {
    if (dir == null) {
      MissingServiceException.requireExecutable(binary, "ffmpeg");
      dir = TempDirs.create(TempDirs.defaultRoot(), "ffmpeg");
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return dir != null;
  }

  /** Stops every stream and deletes the logs. */
  @Override
  public synchronized void close() {
    streams.forEach(FfmpegStream::stop);
    streams.clear();
    if (dir != null) {
      TempDirs.delete(dir);
      dir = null;
    }
  }

  /** The temp dir with the streams' logs. */
  public synchronized Path directory() {
    start();
    return dir;
  }

  private FfmpegStream serveHttpMjpeg(List<String> input) {
    int port = FreePorts.pick();
    URI uri = URI.create("http://127.0.0.1:" + port + "/cam.mjpg");
    List<String> command = base();
    command.addAll(input);
    // yuvj420p is the full-range JPEG format; ffmpeg 5.1 warns it is "deprecated", harmlessly.
    command.addAll(List.of("-an", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "5",
        "-f", "mpjpeg", "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg",
        "-listen", "1", uri.toString()));
    return started(new FfmpegStream("ffmpeg-http-" + port, uri, command, directory(), port));
  }

  private FfmpegStream pushRtsp(List<String> input, URI target) {
    List<String> command = base();
    command.addAll(input);
    command.addAll(List.of("-an", "-f", "rtsp", "-rtsp_transport", "tcp", target.toString()));
    String name = "ffmpeg-rtsp-" + streams.size();
    return started(new FfmpegStream(name, target, command, directory(), 0));
  }

  private synchronized FfmpegStream started(FfmpegStream stream) {
    streams.add(stream);
    stream.start();
    return stream;
  }

  private List<String> base() {
    return new ArrayList<>(List.of(binary.toString(), "-hide_banner", "-nostdin", "-nostats",
        "-loglevel", "warning"));
  }
}
