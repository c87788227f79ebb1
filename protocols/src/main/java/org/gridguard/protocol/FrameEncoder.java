package org.gridguard.protocol;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes any frame message (see {@link MessageType}) as one frame. A message larger than the
 * peer's maximum fails its write promise and sends nothing.
 */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<MessageLite> {
  private final int peerMaxFrameSize;

  /** @param peerMaxFrameSize the largest payload the receiving peer accepts, bytes */
  public FrameEncoder(int peerMaxFrameSize) {
    super(MessageLite.class);
    this.peerMaxFrameSize = FrameFormat.checkMaxFrameSize(peerMaxFrameSize);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageLite msg, boolean preferDirect) {
    int size = FrameCodec.frameSize(msg);
    return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, MessageLite msg, ByteBuf out) {
    FrameCodec.write(msg, out, peerMaxFrameSize);
  }
}
