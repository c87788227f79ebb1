package org.gridguard.edge.source.camera;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's own messages ({@code [tcp @ 0x…] Connection to tcp://… failed}) through our logger
 * instead of stderr: logger {@code org.gridguard.edge.ffmpeg}, prefixed with the camera id (FFmpeg
 * calls back on the thread that called it, and each camera has its own reader thread), URL
 * credentials redacted. FFmpeg errors are WARN (the agent handles them: it reconnects), warnings
 * INFO, the rest DEBUG. Bounded: at most {@value #LINES_PER_WINDOW} lines per camera per minute,
 * the number suppressed is told with the next line logged.
 */
final class FfmpegLog extends LogCallback {
  static final Logger LOG = LoggerFactory.getLogger("org.gridguard.edge.ffmpeg");
  static final int LINES_PER_WINDOW = 20;
  private static final long WINDOW_MS = 60_000;
  private static final ThreadLocal<String> CAMERA = new ThreadLocal<>();
  private static final FfmpegLog INSTANCE = new FfmpegLog(System::currentTimeMillis);
  private static volatile boolean installed;

  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong suppressed = new AtomicLong();

  private static final class Window {
    long startMs;
    int lines;
    long suppressed;
  }

  FfmpegLog(LongSupplier clock) {
    this.clock = clock;
  }

  /** Routes FFmpeg's log through this class (once per process; the callback is kept alive). */
  static synchronized void install() {
    if (installed) {
      return;
    }
    INSTANCE.retainReference();
    avutil.setLogCallback(INSTANCE);
    // FFmpeg's warnings (RTP packet loss, decoder concealment) come per frame on a poor link:
    // only errors unless this logger is at DEBUG.
    avutil.av_log_set_level(LOG.isDebugEnabled() ? AV_LOG_INFO : AV_LOG_ERROR);
    installed = true;
  }

  /** The camera whose FFmpeg calls this thread makes (its reader thread), or null. */
  static void forCamera(String cameraId) {
    CAMERA.set(cameraId);
  }

  /** Lines dropped by the per-camera bound, all cameras, since start. */
  static long suppressedTotal() {
    return INSTANCE.suppressed.get();
  }

  @Override
  public void call(int level, BytePointer msg) {
    try {
      log(level, msg == null ? "" : msg.getString());
    } catch (RuntimeException e) {
      // never throw into native code
    }
  }

  void log(int level, String raw) {
    String text = Redaction.redact(raw.strip());
    if (text.isEmpty()) {
      return;
    }
    String camera = CAMERA.get();
    String who = camera == null ? "-" : camera;
    long dropped = admit(who);
    if (dropped < 0) {
      return;
    }
    String more = dropped == 0 ? "" : " (" + dropped + " earlier FFmpeg line(s) suppressed)";
    if (level <= AV_LOG_ERROR) {
      LOG.warn("camera {}: ffmpeg: {}{}", who, text, more);
    } else if (level <= AV_LOG_WARNING) {
      LOG.info("camera {}: ffmpeg: {}{}", who, text, more);
    } else {
      LOG.debug("camera {}: ffmpeg: {}{}", who, text, more);
    }
  }

  /** -1 when this line is suppressed, else how many were suppressed before it. */
  private long admit(String camera) {
    Window w = windows.computeIfAbsent(windows.size() >= 1024 ? "other" : camera,
        k -> new Window());
    synchronized (w) {
      long now = clock.getAsLong();
      if (now - w.startMs >= WINDOW_MS) {
        w.startMs = now;
        w.lines = 0;
      }
      if (w.lines >= LINES_PER_WINDOW) {
        w.suppressed++;
        suppressed.incrementAndGet();
        return -1;
      }
      w.lines++;
      long before = w.suppressed;
      w.suppressed = 0;
      return before;
    }
  }
}
