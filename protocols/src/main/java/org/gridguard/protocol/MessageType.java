package org.gridguard.protocol;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.HashMap;
import java.util.Map;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Reject;

/**
 * Frame type codes and the message each carries (PROTOCOL.md §2.2). The code is the frame
 * header's type byte; a code not listed here is a protocol error.
 */
public enum MessageType {
  HELLO(0x01, Direction.EDGE_TO_HUB, Hello.class, Hello.parser()),
  HELLO_ACK(0x02, Direction.HUB_TO_EDGE, HelloAck.class, HelloAck.parser()),
  REJECT(0x03, Direction.HUB_TO_EDGE, Reject.class, Reject.parser()),
  BATCH(0x10, Direction.EDGE_TO_HUB, Batch.class, Batch.parser()),
  ACK(0x11, Direction.HUB_TO_EDGE, Ack.class, Ack.parser()),
  CREDIT(0x12, Direction.HUB_TO_EDGE, Credit.class, Credit.parser()),
  HEARTBEAT(0x20, Direction.BOTH, Heartbeat.class, Heartbeat.parser()),
  EVIDENCE_CHUNK(0x30, Direction.EDGE_TO_HUB, EvidenceChunk.class, EvidenceChunk.parser()),
  CONFIG_PUSH(0x40, Direction.HUB_TO_EDGE, ConfigPush.class, ConfigPush.parser()),
  COMMAND(0x41, Direction.HUB_TO_EDGE, Command.class, Command.parser()),
  COMMAND_RESULT(0x42, Direction.EDGE_TO_HUB, CommandResult.class, CommandResult.parser());

  /** Which peer may send a message type. */
  public enum Direction {
    EDGE_TO_HUB,
    HUB_TO_EDGE,
    BOTH;

    /** Whether a message of this direction may arrive at the given peer. */
    public boolean receivableBy(Peer peer) {
      return this == BOTH || (peer == Peer.HUB ? this == EDGE_TO_HUB : this == HUB_TO_EDGE);
    }
  }

  private static final MessageType[] BY_CODE = new MessageType[256];
  private static final Map<Class<?>, MessageType> BY_CLASS = new HashMap<>();

  static {
    for (MessageType type : values()) {
      if (BY_CODE[type.code] != null) {
        throw new ExceptionInInitializerError(
            "duplicate message type code " + type.code + ": " + BY_CODE[type.code] + ", " + type);
      }
      BY_CODE[type.code] = type;
      BY_CLASS.put(type.messageClass, type);
    }
  }

  private final int code;
  private final Direction direction;
  private final Class<? extends MessageLite> messageClass;
  private final Parser<? extends MessageLite> parser;

  MessageType(
      int code,
      Direction direction,
      Class<? extends MessageLite> messageClass,
      Parser<? extends MessageLite> parser) {
    this.code = code;
    this.direction = direction;
    this.messageClass = messageClass;
    this.parser = parser;
  }

  /** The frame header's type byte. */
  public int code() {
    return code;
  }

  public Direction direction() {
    return direction;
  }

  public Class<? extends MessageLite> messageClass() {
    return messageClass;
  }

  Parser<? extends MessageLite> parser() {
    return parser;
  }

  /** The type for a header type byte, or {@code null} when the code is not defined. */
  public static MessageType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /**
   * The type that carries a message.
   *
   * @throws IllegalArgumentException if the message is not one of the protocol's frame messages
   *     (a {@code Record}, for instance, only travels inside a {@code Batch})
   */
  public static MessageType of(MessageLite message) {
    MessageType type = BY_CLASS.get(message.getClass());
    if (type == null) {
      throw new IllegalArgumentException(
          message.getClass().getName() + " is not a frame message of the GridGuard protocol");
    }
    return type;
  }
}
