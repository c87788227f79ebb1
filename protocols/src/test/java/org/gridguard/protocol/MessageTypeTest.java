package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

class MessageTypeTest {
  @Test
  void fromCode_everyDefinedCode_returnsItsType() {
    for (MessageType type : MessageType.values()) {
      assertThat(MessageType.fromCode(type.code())).isSameAs(type);
    }
  }

  @Test
  void fromCode_undefinedOrOutOfRange_returnsNull() {
    assertThat(MessageType.fromCode(0)).isNull();
    assertThat(MessageType.fromCode(0xff)).isNull();
    assertThat(MessageType.fromCode(-1)).isNull();
    assertThat(MessageType.fromCode(256)).isNull();
  }

  @Test
  void codes_areUniqueAndFitOneByte() {
    int[] codes = Arrays.stream(MessageType.values()).mapToInt(MessageType::code).toArray();
    assertThat(codes).doesNotHaveDuplicates();
    assertThat(Arrays.stream(codes).allMatch(c -> c > 0 && c < 256)).isTrue();
  }

  @Test
  void of_frameMessage_returnsType() {
    assertThat(MessageType.of(Hello.getDefaultInstance())).isEqualTo(MessageType.HELLO);
  }

  @Test
  void of_nonFrameMessage_throws() {
    assertThatThrownBy(() -> MessageType.of(Record.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negotiate_sameMajor_takesLowerMinor() {
    assertThat(ProtocolVersion.negotiate(105)).isEqualTo(ProtocolVersion.CURRENT);
    assertThat(ProtocolVersion.negotiate(100)).isEqualTo(100);
    assertThat(ProtocolVersion.negotiate(200)).isEqualTo(-1);
    assertThat(ProtocolVersion.negotiate(0)).isEqualTo(-1);
  }
}
