package org.gridguard.edge.source.camera;

/**
 * One small 8-bit gray analysis frame, copied out of native memory so detectors never touch a
 * JavaCV {@code Frame} that the grabber reuses.
 *
 * @param timeMs frame time, epoch milliseconds (wall clock at grab, or stream time for files)
 * @param pixels row-major, {@code width * height} bytes, unsigned
 */
public record GrayFrame(int width, int height, byte[] pixels, long timeMs) {
  public GrayFrame {
    if (width <= 0 || height <= 0 || pixels.length != width * height) {
      throw new IllegalArgumentException(
          "gray frame " + width + "x" + height + " needs " + width * height + " bytes, has "
              + pixels.length);
    }
  }

  public int at(int x, int y) {
    return pixels[y * width + x] & 0xff;
  }
}
