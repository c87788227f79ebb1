package org.gridguard.protocol;

/**
 * Protocol version numbers (PROTOCOL.md §9). The frame header carries the major version; Hello
 * and HelloAck carry {@code major * 100 + minor}.
 */
public final class ProtocolVersion {
  public static final int MAJOR = FrameFormat.VERSION;
  public static final int MINOR = 0;
  /** The version this build speaks, as carried in Hello.protocol_version. */
  public static final int CURRENT = MAJOR * 100 + MINOR;

  private ProtocolVersion() {}

  public static int major(int version) {
    return version / 100;
  }

  public static int minor(int version) {
    return version % 100;
  }

  /**
   * The version a session runs at, or -1 when the majors differ and there is none.
   *
   * @param peer the version the peer announced
   */
  public static int negotiate(int peer) {
    if (major(peer) != MAJOR) {
      return -1;
    }
    return Math.min(peer, CURRENT);
  }
}
