package org.gridguard.protocol;

/**
 * Protocol version numbers and their negotiation (PROTOCOL.md §9), the same code on both sides:
 * the hub judges {@code Hello.protocol_version} with it and answers the result in
 * {@code HelloAck.protocol_version}; the edge judges that answer with it. The frame header
 * carries the major version; Hello and HelloAck carry {@code major * 100 + minor}.
 */
public final class ProtocolVersion {
  public static final int MAJOR = FrameFormat.VERSION;
  public static final int MINOR = 0;
  /** The version this build speaks, as carried in Hello.protocol_version. */
  public static final int CURRENT = MAJOR * 100 + MINOR;
  /** {@link #negotiate} when the majors differ: no session (Reject UNSUPPORTED_VERSION). */
  public static final int UNSUPPORTED = -1;

  private ProtocolVersion() {}

  public static int major(int version) {
    return version / 100;
  }

  public static int minor(int version) {
    return version % 100;
  }

  /**
   * The version a session of this build runs at with a peer, or {@link #UNSUPPORTED} when the
   * majors differ.
   *
   * @param peer the version the peer announced
   */
  public static int negotiate(int peer) {
    return negotiate(CURRENT, peer);
  }

  /**
   * The version a session runs at between a side speaking {@code ours} and one speaking
   * {@code peer}: the lower minor of the same major (§9), else {@link #UNSUPPORTED}. Symmetric,
   * so both sides reach the same answer; a version below x.00 (0 or negative: a peer that sent
   * none) is unsupported.
   */
  public static int negotiate(int ours, int peer) {
    if (peer < 100 || ours < 100 || major(peer) != major(ours)) {
      return UNSUPPORTED;
    }
    return Math.min(peer, ours);
  }

  /** For messages: {@code 1.0} for 100. */
  public static String describe(int version) {
    return version < 0 ? "none" : major(version) + "." + minor(version);
  }
}
