package org.gridguard.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Frame encoding and decoding on plain {@link ByteBuf}s, shared by the Netty handlers, tests and
 * tools (PROTOCOL.md §2). Stateless and thread-safe.
 */
public final class FrameCodec {
  private FrameCodec() {}

  /** The encoded size of a message's frame, header included. */
  public static int frameSize(MessageLite message) {
    return FrameFormat.HEADER_SIZE + message.getSerializedSize();
  }

  /**
   * Writes one frame.
   *
   * @param maxFrameSize the receiving peer's maximum payload size
   * @throws IllegalArgumentException if the payload is larger than {@code maxFrameSize} or the
   *     message is not a frame message; nothing is written then
   */
  public static void write(MessageLite message, ByteBuf out, int maxFrameSize) {
    MessageType type = MessageType.of(message);
    int size = message.getSerializedSize();
    if (size > maxFrameSize) {
      throw new IllegalArgumentException(type + " payload of " + size
          + " bytes exceeds the peer's maximum frame size of " + maxFrameSize);
    }
    out.ensureWritable(FrameFormat.HEADER_SIZE + size);
    out.writeShort(FrameFormat.MAGIC);
    out.writeByte(FrameFormat.VERSION);
    out.writeByte(type.code());
    out.writeInt(size);
    try {
      if (out.nioBufferCount() == 1) {
        ByteBuffer target = out.nioBuffer(out.writerIndex(), size);
        CodedOutputStream coded = CodedOutputStream.newInstance(target);
        message.writeTo(coded);
        coded.checkNoSpaceLeft();
        out.writerIndex(out.writerIndex() + size);
      } else {
        out.writeBytes(message.toByteArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("serialising " + type, e);
    }
  }

  /**
   * Reads one frame if a whole one is readable.
   *
   * <p>The header is checked as soon as its 8 bytes are readable, before waiting for (or
   * allocating for) the payload, so an oversize length is refused at once.
   *
   * @param receiver the peer that reads; a message type the other side may not send is refused
   * @return the message, or {@code null} (reader index unchanged) when more bytes are needed
   * @throws ProtocolException when the readable bytes cannot start a valid frame
   */
  public static MessageLite read(ByteBuf in, int maxFrameSize, Peer receiver) {
    return read(in, maxFrameSize, receiver, "");
  }

  /**
   * {@link #read(ByteBuf, int, Peer)} with a note on what the size limit is (e.g. {@code "before
   * HELLO_ACK"}) for the FRAME_TOO_LARGE message; empty for none.
   */
  public static MessageLite read(ByteBuf in, int maxFrameSize, Peer receiver, String limitNote) {
    if (in.readableBytes() < FrameFormat.HEADER_SIZE) {
      return null;
    }
    int start = in.readerIndex();
    int magic = in.getUnsignedShort(start);
    if (magic != FrameFormat.MAGIC) {
      throw new ProtocolException(ProtocolException.Kind.BAD_MAGIC,
          String.format("frame starts with 0x%04x, expected 0x%04x (\"GG\")", magic,
              FrameFormat.MAGIC));
    }
    int version = in.getUnsignedByte(start + 2);
    if (version != FrameFormat.VERSION) {
      throw new ProtocolException(ProtocolException.Kind.UNSUPPORTED_VERSION,
          "frame version " + version + ", this peer speaks " + FrameFormat.VERSION);
    }
    int code = in.getUnsignedByte(start + 3);
    MessageType type = MessageType.fromCode(code);
    if (type == null) {
      throw new ProtocolException(ProtocolException.Kind.UNKNOWN_TYPE,
          String.format("frame type 0x%02x is not defined", code));
    }
    if (!type.direction().receivableBy(receiver)) {
      throw new ProtocolException(ProtocolException.Kind.UNEXPECTED_MESSAGE,
          type + " may not be sent to the " + receiver.name().toLowerCase(java.util.Locale.ROOT));
    }
    long length = in.getUnsignedInt(start + 4);
    if (length > maxFrameSize) {
      throw new ProtocolException(ProtocolException.Kind.FRAME_TOO_LARGE,
          type + " frame declares " + length + " payload bytes, the maximum"
              + (limitNote.isEmpty() ? "" : " " + limitNote) + " is " + maxFrameSize);
    }
    if (in.readableBytes() < FrameFormat.HEADER_SIZE + length) {
      return null;
    }
    int payloadStart = start + FrameFormat.HEADER_SIZE;
    MessageLite message;
    try {
      message = type.parser().parseFrom(heapPayload(in, payloadStart, (int) length));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ProtocolException(ProtocolException.Kind.MALFORMED_PAYLOAD,
          type + " payload of " + length + " bytes does not parse: " + e.getMessage(), e);
    }
    in.readerIndex(payloadStart + (int) length);
    MessageValidator.validate(type, message);
    return message;
  }

  /**
   * The payload as a heap buffer. Protobuf decodes strings from a heap array with the JDK's
   * vectorised {@code new String(bytes, UTF_8)} but from a direct buffer (Netty's pooled default)
   * char by char; one copy of the payload, whose whole length is already readable and within
   * the maximum frame size, costs far less than that.
   */
  private static ByteBuffer heapPayload(ByteBuf in, int start, int length) {
    if (in.hasArray()) {
      return ByteBuffer.wrap(in.array(), in.arrayOffset() + start, length).slice();
    }
    byte[] copy = new byte[length];
    in.getBytes(start, copy);
    return ByteBuffer.wrap(copy);
  }
}
