package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact fixtures in src/test/resources/golden: a change that alters the wire bytes of an
 * existing message fails here. Regenerate deliberately (and say so in PROTOCOL.md's changelog)
 * with {@code ./mvnw -pl protocols test -Dtest=GoldenFramesTest -Dgolden.update=true}.
 */
class GoldenFramesTest {
  private static final Path DIR = Path.of("src/test/resources/golden");

  static Stream<String> fixtureNames() {
    return SampleMessages.fixtures().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("fixtureNames")
  void fixture_everySample_matchesEncoderAndDecodesToSample(String name) throws IOException {
    MessageLite sample = SampleMessages.fixtures().get(name);
    MessageType type = MessageType.of(sample);
    ByteBuf buf = Unpooled.buffer();
    FrameCodec.write(sample, buf, FrameFormat.DEFAULT_MAX_FRAME_SIZE);
    byte[] encoded = ByteBufUtil.getBytes(buf);
    buf.release();
    Path file = DIR.resolve(name + ".frame.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, GoldenFrames.render(type, (Message) sample, encoded));
    }
    assertThat(file).as("golden fixture (make it with -Dgolden.update=true)").exists();
    byte[] golden = GoldenFrames.parse(Files.readString(file, StandardCharsets.UTF_8));

    assertThat(encoded).as("encoder output for " + type).isEqualTo(golden);
    Peer receiver = type.direction().receivableBy(Peer.HUB) ? Peer.HUB : Peer.EDGE;
    ByteBuf in = Unpooled.wrappedBuffer(golden);
    assertThat(FrameCodec.read(in, FrameFormat.DEFAULT_MAX_FRAME_SIZE, receiver))
        .isEqualTo(sample);
  }
}
