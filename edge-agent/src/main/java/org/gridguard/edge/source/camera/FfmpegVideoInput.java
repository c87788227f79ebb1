package org.gridguard.edge.source.camera;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * One open connection to a camera through JavaCV's {@link FFmpegFrameGrabber}, decoding straight
 * to a small gray frame (FFmpeg's swscale does the resize and the colour drop).
 *
 * <p>Never calls {@code start()}/{@code stop()}: those synchronise on a global lock, so one
 * camera hanging in {@code avformat_open_input} would block every other camera (JavaCV issues
 * #1205, #2200). {@code startUnsafe()}/{@code releaseUnsafe()} lock only this grabber. Connect
 * and read timeouts come from FFmpeg options ({@code timeout} for RTSP in microseconds since
 * FFmpeg 5, {@code rw_timeout} for other protocols). Frames are not kept: each grab overwrites
 * the grabber's single native frame, and what the detectors need is copied to the heap.
 */
final class FfmpegVideoInput implements AutoCloseable {
  static {
    FfmpegLog.install();
  }

  private final CameraStream config;
  private final FFmpegFrameGrabber grabber;
  private long lastTimestampUs = -1;

  FfmpegVideoInput(CameraStream config) {
    this.config = config;
    this.grabber = new FFmpegFrameGrabber(config.url());
    String timeoutUs = Long.toString(config.ioTimeout().toNanos() / 1000);
    if (config.isRtsp()) {
      grabber.setOption("rtsp_transport", config.rtspTransport());
      grabber.setOption("timeout", timeoutUs);
    } else if (config.isLive()) {
      grabber.setOption("rw_timeout", timeoutUs);
    }
    grabber.setVideoOption("threads", "1");
    if (config.keyframesOnly()) {
      grabber.setVideoOption("skip_frame", "nokey");
    }
    config.options().forEach(grabber::setOption);
    grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
    grabber.setImageWidth(config.analysisWidth());
    grabber.setImageHeight(config.analysisHeight());
  }

  /** Opens the stream; may block up to the I/O timeout, but only this camera's thread. */
  void start() throws FrameGrabber.Exception {
    grabber.startUnsafe();
  }

  /** Stream timestamp of the last grabbed frame, microseconds. */
  long timestampUs() {
    return lastTimestampUs;
  }

  /**
   * Decodes the next video frame.
   *
   * @param analyse convert it to the small gray frame; when false only decoding happens
   * @return {@code null} at end of stream; otherwise a frame ({@code pixels} only when
   *     {@code analyse}), or {@link #SKIPPED}
   */
  GrayFrame next(boolean analyse, long timeMs) throws FrameGrabber.Exception {
    Frame frame = grabber.grabFrame(false, true, analyse, config.keyframesOnly(), false);
    if (frame == null) {
      return null;
    }
    if (frame.image == null) {
      return SKIPPED;
    }
    lastTimestampUs = frame.timestamp;
    if (!analyse) {
      return SKIPPED;
    }
    return copyGray(frame, timeMs);
  }

  /** Marker for a decoded but not analysed frame. */
  static final GrayFrame SKIPPED = new GrayFrame(1, 1, new byte[1], 0);

  private GrayFrame copyGray(Frame frame, long timeMs) {
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    int stride = frame.imageStride;
    ByteBuffer buf = ((ByteBuffer) frame.image[0]).duplicate();
    byte[] out = new byte[w * h];
    if (stride == w) {
      buf.position(0);
      buf.get(out, 0, w * h);
    } else {
      for (int y = 0; y < h; y++) {
        buf.position(y * stride);
        buf.get(out, y * w, w);
      }
    }
    return new GrayFrame(w, h, out, timeMs);
  }

  /**
   * Decodes the next frame at the camera's full resolution in colour, for snapshot evidence,
   * then switches back to small gray analysis. Returns {@code null} at end of stream.
   */
  BufferedImage nextFullResolution() throws FrameGrabber.Exception {
    grabber.setImageWidth(0);
    grabber.setImageHeight(0);
    int nativeWidth = grabber.getImageWidth();
    int nativeHeight = grabber.getImageHeight();
    if (nativeWidth == config.analysisWidth() && nativeHeight == config.analysisHeight()) {
      // The grabber reallocates its output buffer only when the size changes: switching the
      // pixel format alone would let swscale write colour into a gray-sized buffer. A camera
      // that already sends the analysis size gets a gray snapshot at that size.
      grabber.setImageWidth(config.analysisWidth());
      grabber.setImageHeight(config.analysisHeight());
      GrayFrame gray;
      do {
        gray = next(true, 0);
      } while (gray == SKIPPED);
      if (gray == null) {
        return null;
      }
      BufferedImage image =
          new BufferedImage(gray.width(), gray.height(), BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, gray.width(), gray.height(), gray.pixels());
      return image;
    }
    grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
    try {
      Frame frame;
      do {
        frame = grabber.grabFrame(false, true, true, config.keyframesOnly(), false);
      } while (frame != null && frame.image == null);
      if (frame == null) {
        return null;
      }
      lastTimestampUs = frame.timestamp;
      // A fresh converter per snapshot: Java2DFrameConverter reuses its image between calls.
      try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
        return Java2DFrameConverter.cloneBufferedImage(converter.convert(frame));
      }
    } finally {
      grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
      grabber.setImageWidth(config.analysisWidth());
      grabber.setImageHeight(config.analysisHeight());
    }
  }

  double frameRate() {
    return grabber.getFrameRate();
  }

  @Override
  public void close() {
    try {
      grabber.releaseUnsafe();
    } catch (FrameGrabber.Exception e) {
      // releasing a broken stream: nothing more to free
    }
  }
}
