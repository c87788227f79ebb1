package org.gridguard.edge.source.camera;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridguard.edge.config.ConfigRuleException;

/**
 * One camera: where to read it, how to decode and analyse it, and its zones.
 *
 * @param url {@code rtsp://}, {@code http://} (MJPEG or other FFmpeg-readable streams) or a file
 *     (a path or {@code file:}); never logged as is: see {@link #safeUrl()}
 * @param rtspTransport {@code tcp} (default) or {@code udp}
 * @param analysisFps frames analysed per second (the rest are decoded but not converted)
 * @param analysisWidth width of the small gray analysis frame
 * @param analysisHeight height of the small gray analysis frame
 * @param keyframesOnly decode only key frames (health/tamper checks, lowest CPU)
 * @param ioTimeout connect and read timeout passed to FFmpeg
 * @param noFrameTimeout watchdog: a stream that delivers no frame this long is restarted
 * @param backoffMin first reconnect delay; doubles per failure up to {@code backoffMax}
 * @param streamTiming take frame times from the stream's timestamps instead of the wall clock
 *     (files, which are analysed faster than real time; the default for files)
 * @param options extra FFmpeg options, passed through unchanged
 * @param clip optional short evidence clip around each alarm
 */
public record CameraConfig(String id, String url, String rtspTransport, double analysisFps,
    int analysisWidth, int analysisHeight, boolean keyframesOnly, Duration ioTimeout,
    Duration noFrameTimeout, Duration backoffMin, Duration backoffMax, boolean streamTiming,
    boolean snapshots, ClipConfig clip, Map<String, String> options, DetectConfig detect, List<ZoneConfig> zones,
    String timeZone) {
  /** A camera id: its device id at the hub. The one place this rule is written. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The one place a camera's rules live (file and pushed config alike), each at its YAML key. */
  public CameraConfig {
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
    zones = List.copyOf(zones);
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

  static boolean isLive(String url) {
    return url.contains("://") && !url.regionMatches(true, 0, "file:", 0, 5);
  }

  /** The URL without its credentials, for logs, alarm details and metrics. */
  public String safeUrl() {
    return Redaction.redact(url);
  }

  @Override
  public String toString() {
    return "CameraConfig[id=" + id + ", url=" + safeUrl() + ", analysisFps=" + analysisFps
        + ", analysisSize=" + analysisWidth + "x" + analysisHeight + ", streamTiming="
        + streamTiming + ", zones=" + zones.size() + "]";
  }
}
