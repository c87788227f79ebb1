package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Feeds 100,000 random and mutated frames to the decoder, split into random reads. Properties:
 * the only exception is {@link ProtocolException}; no buffer larger than one maximal frame plus
 * one read is ever requested; every buffer is released (allocator metric back to zero, and
 * Netty's PARANOID leak detector silent). The seed is fixed so CI is repeatable; explore with {@code -Dfuzz.seed=random} and
 * reproduce with {@code -Dfuzz.seed=<printed seed>}.
 */
@ExtendWith(NettyLeakCheck.class)
class FrameDecoderFuzzTest {
  private static final int CASES = Integer.getInteger("fuzz.cases", 100_000);
  private static final int MAX = FrameFormat.MIN_MAX_FRAME_SIZE;
  private static final int MAX_READ = 600;

  @Test
  void decode_randomAndMutatedFrames_raisesOnlyProtocolErrorsBoundedAndLeakFree() {
    String seedProperty = System.getProperty("fuzz.seed", "20261121");
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
    Random random = new Random(seed);
    List<Seed> seeds = seeds();
    TrackingAllocator alloc = new TrackingAllocator();
    Map<ProtocolException.Kind, Integer> errors = new EnumMap<>(ProtocolException.Kind.class);
    int decoded = 0;

    for (int i = 0; i < CASES; i++) {
      Seed base = seeds.get(random.nextInt(seeds.size()));
      byte[] input = mutate(random, base.bytes, seeds);
      Peer receiver = random.nextInt(5) == 0
          ? Peer.values()[random.nextInt(2)] : base.receiver;
      EmbeddedChannel channel = new EmbeddedChannel();
      channel.config().setAllocator(alloc);
      channel.pipeline().addLast(new FrameDecoder(MAX, receiver));
      ProtocolException error = null;
      try {
        int offset = 0;
        while (offset < input.length) {
          int n = Math.min(input.length - offset, 1 + random.nextInt(MAX_READ));
          ByteBuf read = alloc.heapBuffer(n).writeBytes(input, offset, n);
          offset += n;
          channel.writeInbound(read);
        }
        channel.finish();
      } catch (ProtocolException e) {
        error = e;
      } catch (Throwable t) {
        fail("case " + i + " (seed " + seed + ") threw " + t + " for input "
            + HexFormat.of().formatHex(input), t);
      }
      if (error != null) {
        errors.merge(error.kind(), 1, Integer::sum);
        channel.finishAndReleaseAll();
      }
      Object message;
      while ((message = channel.readInbound()) != null) {
        assertThat(message).isInstanceOf(MessageLite.class);
        decoded++;
      }
      if (alloc.bytesInUse() != 0) {
        fail("case " + i + " (seed " + seed + ") left " + alloc.bytesInUse()
            + " bytes unreleased for input " + HexFormat.of().formatHex(input));
      }
    }

    System.out.printf("fuzz: seed=%d cases=%d decoded=%d errors=%s largest_alloc=%d%n",
        seed, CASES, decoded, errors, alloc.largestRequest());
    assertThat(alloc.largestRequest()).isLessThanOrEqualTo(FrameFormat.HEADER_SIZE + MAX + MAX_READ);
    assertThat(decoded).as("some mutated inputs still decode").isPositive();
    assertThat(errors.keySet()).as("the fuzzer reaches the error kinds").contains(
        ProtocolException.Kind.BAD_MAGIC, ProtocolException.Kind.UNKNOWN_TYPE,
        ProtocolException.Kind.FRAME_TOO_LARGE, ProtocolException.Kind.TRUNCATED,
        ProtocolException.Kind.MALFORMED_PAYLOAD, ProtocolException.Kind.INVALID_MESSAGE,
        ProtocolException.Kind.UNSUPPORTED_VERSION, ProtocolException.Kind.UNEXPECTED_MESSAGE);
  }

  private record Seed(byte[] bytes, Peer receiver) {}

  private static List<Seed> seeds() {
    List<Seed> seeds = new ArrayList<>();
    for (Map.Entry<MessageType, MessageLite> e : SampleMessages.all().entrySet()) {
      Peer receiver = e.getKey().direction().receivableBy(Peer.HUB) ? Peer.HUB : Peer.EDGE;
      seeds.add(new Seed(encode(e.getValue()), receiver));
    }
    // A batch just under the frame limit, so mutations cross it.
    Batch.Builder big = Batch.newBuilder().setLane(org.gridguard.protocol.v1.Lane.BULK);
    for (int seq = 1; big.build().getSerializedSize() < MAX - 120; seq++) {
      big.addRecords(Record.newBuilder().setSequence(seq).setCaptureTimeMs(seq)
          .setDeviceId("d" + seq).setTelemetry(Telemetry.newBuilder().setDeviceType("smoke")
              .addReadings(Reading.newBuilder().setMetric("density").setNumber(seq))));
    }
    seeds.add(new Seed(encode(big.build()), Peer.HUB));
    return seeds;
  }

  private static byte[] encode(MessageLite message) {
    ByteBuf buf = Unpooled.buffer();
    FrameCodec.write(message, buf, FrameFormat.HARD_MAX_FRAME_SIZE);
    byte[] bytes = ByteBufUtil.getBytes(buf);
    buf.release();
    return bytes;
  }

  private static byte[] mutate(Random random, byte[] base, List<Seed> seeds) {
    int choice = random.nextInt(100);
    if (choice < 15) {
      byte[] noise = new byte[random.nextInt(700)];
      random.nextBytes(noise);
      return noise;
    }
    if (choice < 25) {
      return base.clone();
    }
    byte[] out = base.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      out = mutateOnce(random, out, seeds);
    }
    return out;
  }

  private static byte[] mutateOnce(Random random, byte[] in, List<Seed> seeds) {
    if (in.length == 0) {
      return seeds.get(random.nextInt(seeds.size())).bytes.clone();
    }
    byte[] out = in.clone();
    switch (random.nextInt(8)) {
      case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
      case 2 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
      case 3 -> {
        int at = random.nextInt(out.length + 1);
        byte[] insert = new byte[1 + random.nextInt(16)];
        random.nextBytes(insert);
        byte[] grown = new byte[out.length + insert.length];
        System.arraycopy(out, 0, grown, 0, at);
        System.arraycopy(insert, 0, grown, at, insert.length);
        System.arraycopy(out, at, grown, at + insert.length, out.length - at);
        out = grown;
      }
      case 4 -> {
        byte[] next = seeds.get(random.nextInt(seeds.size())).bytes;
        byte[] joined = java.util.Arrays.copyOf(out, out.length + next.length);
        System.arraycopy(next, 0, joined, out.length, next.length);
        out = joined;
      }
      case 5 -> {
        if (out.length >= 8) {
          int[] lengths = {0, 1, MAX, MAX + 1, -1, random.nextInt(), out.length - 8 + 1};
          ByteBuf view = Unpooled.wrappedBuffer(out);
          view.setInt(4, lengths[random.nextInt(lengths.length)]);
        }
      }
      case 6 -> {
        if (out.length >= 4) {
          out[3] = (byte) random.nextInt(0x50);
        }
      }
      default -> {
        if (out.length > 8) {
          int at = 8 + random.nextInt(out.length - 8);
          out[at] = (byte) (random.nextBoolean() ? 0x7f : 0xff);
        }
      }
    }
    return out;
  }
}
