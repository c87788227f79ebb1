package org.gridguard.protocol;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames and emits one Protobuf message per frame (a
 * {@link MessageLite} of the class given by {@link MessageType}).
 *
 * <p>Malformed input raises a {@link ProtocolException} once; afterwards the decoder discards
 * everything it receives, so the pipeline's error handler can close the connection without the
 * decoder touching more input. Not sharable: one instance per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameSize;
  private final Peer receiver;
  private boolean failed;

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

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      MessageLite message;
      while ((message = FrameCodec.read(in, maxFrameSize, receiver)) != null) {
        out.add(message);
        if (ctx.isRemoved()) {
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
    if (!failed && in.isReadable()) {
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
}
