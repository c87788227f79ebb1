package org.gridguard.edge.source.camera;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridguard.edge.config.ConfigRuleException;

/**
 * Where one camera's frames come from and how they are decoded: everything the camera source
 * needs, nothing about what is detected in them (that is {@code detect.CameraConfig}).
 *
 * @param id the camera's device id at the hub
 * @param url {@code rtsp://}, {@code http://} (MJPEG or other FFmpeg-readable streams) or a file
 *     (a path or {@code file:}); never logged as is: see {@link #safeUrl()}
 * @param rtspTransport {@code tcp} (default) or {@code udp}
 * @param analysisFps frames analysed per second (the rest are decoded but not converted)
 * @param analysisWidth width of the small gray analysis frame
 * @param analysisHeight height of the small gray analysis frame
 * @param keyframesOnly decode only key frames (health/tamper checks, lowest CPU)
 * @param ioTimeout connect and read timeout passed to FFmpeg
 * @param noFrameTimeout watchdog: a stream that delivers no frame this long is restarted
 * @param backoffMin first reconnect delay; the jittered backoff grows up to {@code backoffMax}
 * @param streamTiming take frame times from the stream's timestamps instead of the wall clock
 *     (files, which are analysed faster than real time; the default for files)
 * @param options extra FFmpeg options, passed through unchanged
 */
public record CameraStream(String id, String url, String rtspTransport, double analysisFps,
    int analysisWidth, int analysisHeight, boolean keyframesOnly, Duration ioTimeout,
    Duration noFrameTimeout, Duration backoffMin, Duration backoffMax, boolean streamTiming,
    Map<String, String> options) {
  /** A camera id: its device id at the hub. The one place this rule is written. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The one place a camera stream's rules live (file and pushed config alike), at YAML keys. */
  public CameraStream {
    ConfigRuleException.Rules rules = new ConfigRuleException.Rules();
    rules.check(id != null && ID.matcher(id).matches(), "id",
        "must be 1-64 characters of [A-Za-z0-9._-], was '" + id + "'");
    rules.check(url != null && !url.isBlank(), "url", "must not be empty");
    rules.check(analysisFps >= 0.1 && analysisFps <= 30, "analysis_fps",
        "must be within [0.1, 30.0], was " + analysisFps);
    rules.check(backoffMin != null && backoffMax != null && backoffMax.compareTo(backoffMin) >= 0,
        "reconnect_backoff", "max must be at least min, were " + backoffMin + " and "
            + backoffMax);
    rules.throwIfAny();
    options = Map.copyOf(options);
  }

  public boolean isRtsp() {
    return url.startsWith("rtsp://") || url.startsWith("rtsps://");
  }

  /**
   * A camera or network stream, reconnected when it ends; false for a recorded file (a path or a
   * {@code file:} URL), which is read once to its end.
   */
  public boolean isLive() {
    return isLive(url);
  }

  /** {@link #isLive()} for a URL not yet in a record (the config parser's default timing). */
  public static boolean isLive(String url) {
    return url.contains("://") && !url.regionMatches(true, 0, "file:", 0, 5);
  }

  /** The URL without its credentials, for logs, alarm details and metrics. */
  public String safeUrl() {
    return Redaction.redact(url);
  }

  @Override
  public String toString() {
    return "CameraStream[id=" + id + ", url=" + safeUrl() + ", analysisFps=" + analysisFps
        + ", analysisSize=" + analysisWidth + "x" + analysisHeight + ", streamTiming="
        + streamTiming + "]";
  }
}
