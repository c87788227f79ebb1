package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.gridguard.edge.spool.SpoolEntry;
import org.gridguard.edge.spool.SpoolRecords;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.Peer;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

class BatchFramesTest {
  @Test
  void batch_rawSpooledBytes_decodeAsTheSameBatchAndMatchProtobufBytes() {
    for (Lane lane : List.of(Lane.PRIORITY, Lane.BULK)) {
      Record a = (lane == Lane.BULK ? SpoolRecords.telemetry("d", 1) : SpoolRecords.alarm("d", 1))
          .toBuilder().setSequence(1).build();
      Record b = (lane == Lane.BULK ? SpoolRecords.telemetry("d", 2) : SpoolRecords.alarm("d", 2))
          .toBuilder().setSequence(300).build();
      Batch expected = Batch.newBuilder().setLane(lane).addRecords(a).addRecords(b).build();
      ByteBuf frame = BatchFrames.batch(ByteBufAllocator.DEFAULT, lane, List.of(
          new SpoolEntry(lane, 1, a.toByteArray()), new SpoolEntry(lane, 300, b.toByteArray())));
      try {
        byte[] payload = new byte[frame.readableBytes() - FrameFormat.HEADER_SIZE];
        frame.getBytes(FrameFormat.HEADER_SIZE, payload);
        assertThat(payload).isEqualTo(expected.toByteArray());
        assertThat(FrameCodec.read(frame, FrameFormat.DEFAULT_MAX_FRAME_SIZE, Peer.HUB))
            .isEqualTo(expected);
      } finally {
        frame.release();
      }
    }
  }
}
