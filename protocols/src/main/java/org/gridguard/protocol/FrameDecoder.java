package org.gridguard.protocol;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Splits the byte stream into frames and emits one Protobuf message per frame (a
 * {@link MessageLite} of the class given by {@link MessageType}).
 *
 * <p>Malformed input raises a {@link ProtocolException} once; afterwards the decoder discards
 * everything it receives, so the pipeline's error handler can close the connection without the
 * decoder touching more input. Not sharable: one instance per channel.
 *
 * <p>The size limit may change during the connection (the hub accepts only a Hello-sized frame
 * before its HelloAck, PROTOCOL.md §2.5); it applies to every frame whose header has not been
 * accepted whole yet. Memory held for a partial frame never exceeds the limit in force (see
 * {@link BoundedCumulator}).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final Peer receiver;
  private int maxFrameSize;
  private String limitNote = "";
  private boolean failed;
  private boolean discarding;

  /**
   * @param maxFrameSize the largest payload this peer accepts, bytes (see
   *     {@link FrameFormat#checkMaxFrameSize})
   * @param receiver which peer this decoder runs in
   */
  public FrameDecoder(int maxFrameSize, Peer receiver) {
    this.maxFrameSize = FrameFormat.checkMaxFrameSize(maxFrameSize);
    this.receiver = receiver;
    setCumulator(new BoundedCumulator(maxFrameSize));
  }

  /**
   * Changes the largest payload accepted from now on. Call on the channel's event loop.
   *
   * @param maxFrameSize within {@link FrameFormat#checkMaxFrameSize}'s bounds
   * @param note what the limit is, for the FRAME_TOO_LARGE message (e.g. {@code "before
   *     HELLO_ACK"}); empty for none
   */
  public void maxFrameSize(int maxFrameSize, String note) {
    this.maxFrameSize = FrameFormat.checkMaxFrameSize(maxFrameSize);
    this.limitNote = Objects.requireNonNull(note, "note");
    setCumulator(new BoundedCumulator(maxFrameSize));
  }

  /** The largest payload accepted now, bytes. */
  public int maxFrameSize() {
    return maxFrameSize;
  }

  /**
   * Stops decoding for good: what arrives from now on is dropped as it comes, and a connection
   * that ends inside a frame is no protocol error. For a connection this peer is closing itself
   * (after a Reject), which may still drain the peer's pipelined bytes.
   */
  public void discardInput() {
    discarding = true;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed || discarding) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      MessageLite message;
      while ((message = FrameCodec.read(in, maxFrameSize, receiver, limitNote)) != null) {
        out.add(message);
        if (ctx.isRemoved() || discarding) {
          return;
        }
      }
    } catch (ProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    decode(ctx, in, out);
    if (!failed && !discarding && in.isReadable()) {
      int pending = in.readableBytes();
      failed = true;
      in.skipBytes(pending);
      throw new ProtocolException(ProtocolException.Kind.TRUNCATED,
          "connection ended inside a frame, " + pending + " bytes of it received");
    }
  }

  /** Whether this decoder has raised a protocol error and now discards its input. */
  public boolean failed() {
    return failed;
  }

  /** Whether {@link #discardInput()} was called. */
  public boolean discarding() {
    return discarding;
  }
}
