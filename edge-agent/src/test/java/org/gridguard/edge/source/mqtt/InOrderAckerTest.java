package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InOrderAckerTest {
  private final List<Integer> sent = new ArrayList<>();
  private final MqttSourceMetrics metrics = new MqttSourceMetrics();
  private final InOrderAcker acker = new InOrderAcker((id, qos) -> sent.add(id), metrics);

  @Test
  void safe_outOfOrder_acksInArrivalOrder() {
    var a = acker.register(1, 1);
    var b = acker.register(2, 1);
    var c = acker.register(3, 1);
    acker.safe(c);
    acker.safe(b);
    assertThat(sent).isEmpty();
    acker.safe(a);
    assertThat(sent).containsExactly(1, 2, 3);
    assertThat(metrics.acked()).isEqualTo(3);
  }

  @Test
  void safe_afterConnectionLost_neverAcksOldMessages() {
    var old1 = acker.register(7, 1);
    var old2 = acker.register(8, 1);
    acker.safe(old2);
    acker.connectionLost();
    var fresh = acker.register(7, 1); // the broker's redelivery reuses the id
    acker.safe(old1);
    assertThat(sent).isEmpty();
    acker.safe(fresh);
    assertThat(sent).containsExactly(7);
    assertThat(metrics.staleAcksSkipped()).isEqualTo(2);
  }

  @Test
  void abandon_head_doesNotHoldUpLaterAcks() {
    var a = acker.register(1, 1);
    var b = acker.register(2, 1);
    acker.safe(b);
    acker.abandon(a);
    assertThat(sent).containsExactly(2);
    assertThat(acker.waiting()).isZero();
  }
}
