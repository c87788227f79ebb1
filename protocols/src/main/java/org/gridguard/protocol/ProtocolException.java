package org.gridguard.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * The one error the codec raises for bad input: a frame or message that breaks PROTOCOL.md.
 * It closes the connection it came from and nothing else (see {@link ProtocolErrorHandler}).
 *
 * <p>It extends {@link DecoderException} so Netty passes it through the pipeline unwrapped.
 */
public final class ProtocolException extends DecoderException {
  private static final long serialVersionUID = 1L;

  /** What kind of rule the input broke; PROTOCOL.md §2.3 lists them. */
  public enum Kind {
    BAD_MAGIC,
    UNSUPPORTED_VERSION,
    UNKNOWN_TYPE,
    FRAME_TOO_LARGE,
    TRUNCATED,
    MALFORMED_PAYLOAD,
    INVALID_MESSAGE,
    UNEXPECTED_MESSAGE
  }

  private final Kind kind;

  public ProtocolException(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  public ProtocolException(Kind kind, String message, Throwable cause) {
    super(kind + ": " + message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
