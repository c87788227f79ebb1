package org.gridguard.protocol;

/**
 * Constants of the frame layout (PROTOCOL.md §2).
 *
 * <pre>
 *  0      1      2         3        4                  8
 *  +------+------+---------+--------+------------------+------------------+
 *  | 'G'  | 'G'  | version | type   | length (u32, BE) | payload (length) |
 *  +------+------+---------+--------+------------------+------------------+
 * </pre>
 */
public final class FrameFormat {
  /** The two magic bytes "GG" read as one big-endian short. */
  public static final int MAGIC = 0x4747;
  /** Wire major version carried in every frame header. */
  public static final int VERSION = 1;
  /** Bytes before the payload. */
  public static final int HEADER_SIZE = 8;
  /** Default and recommended maximum payload size, bytes. */
  public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;
  /** No peer may configure a larger maximum payload than this. */
  public static final int HARD_MAX_FRAME_SIZE = 16 << 20;
  /** Smallest maximum a peer may configure (must fit a Hello and a useful Batch). */
  public static final int MIN_MAX_FRAME_SIZE = 4 << 10;

  private FrameFormat() {}

  /** Checks a configured maximum payload size against the protocol's bounds. */
  public static int checkMaxFrameSize(int maxFrameSize) {
    if (maxFrameSize < MIN_MAX_FRAME_SIZE || maxFrameSize > HARD_MAX_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "max frame size must be within [" + MIN_MAX_FRAME_SIZE + ", " + HARD_MAX_FRAME_SIZE
              + "] bytes, was " + maxFrameSize);
    }
    return maxFrameSize;
  }
}
