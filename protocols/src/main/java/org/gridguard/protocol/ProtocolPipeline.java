package org.gridguard.protocol;

import io.netty.channel.ChannelPipeline;

/** Handler names and the codec part of both peers' pipelines. */
public final class ProtocolPipeline {
  public static final String FRAME_DECODER = "gg-frame-decoder";
  public static final String FRAME_ENCODER = "gg-frame-encoder";
  public static final String PROTOCOL_ERRORS = "gg-protocol-errors";

  private ProtocolPipeline() {}

  /**
   * Adds the frame decoder and encoder at the end of a pipeline.
   *
   * @param self the peer the pipeline runs in
   * @param maxInbound largest payload this peer accepts
   * @param maxOutbound largest payload the other peer accepts
   */
  public static void addCodec(ChannelPipeline pipeline, Peer self, int maxInbound, int maxOutbound) {
    pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxInbound, self));
    pipeline.addLast(FRAME_ENCODER, new FrameEncoder(maxOutbound));
  }
}
