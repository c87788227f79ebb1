package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridguard.edge.spool.RecordingSink;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.Test;

class BrokerDropWatchTest {
  private final RecordingSink sink = new RecordingSink();
  private final MqttSourceMetrics metrics = new MqttSourceMetrics();
  private final BrokerDropWatch watch = new BrokerDropWatch(sink, "boot-1", metrics);

  private void sys(String topic, String value) {
    watch.accept(topic, value.getBytes(StandardCharsets.US_ASCII));
  }

  private List<Double> reportedIncreases() {
    return sink.records().stream().map(Record::getStatus)
        .map(s -> s.getMetricsOrThrow("mqtt_broker_dropped")).toList();
  }

  @Test
  void accept_counterRises_reportsEachIncreaseOnce() {
    sys(BrokerDropWatch.DROPPED, "0");
    sys(BrokerDropWatch.DROPPED, "7");
    sys(BrokerDropWatch.DROPPED, "7");
    sys(BrokerDropWatch.DROPPED, "10");

    assertThat(reportedIncreases()).containsExactly(7.0, 3.0);
    assertThat(metrics.brokerDropped()).isEqualTo(10);
    assertThat(sink.records().get(0).getStatus().getState()).isEqualTo(DeviceState.DEGRADED);
  }

  @Test
  void accept_firstValueAboveZero_countedInFullAndSaysSo() {
    sys(BrokerDropWatch.DROPPED, "42");

    assertThat(reportedIncreases()).containsExactly(42.0);
    assertThat(sink.records().get(0).getStatus().getDetail()).contains("since the broker started");
  }

  @Test
  void accept_counterFalls_brokerRestartedAndNewValueCountedInFull() {
    sys(BrokerDropWatch.DROPPED, "0");
    sys(BrokerDropWatch.DROPPED, "100");
    sys(BrokerDropWatch.DROPPED, "4");

    assertThat(reportedIncreases()).containsExactly(100.0, 4.0);
    assertThat(metrics.brokerDropped()).isEqualTo(104);
  }

  @Test
  void accept_notANumberOrOtherTopic_ignored() {
    sys(BrokerDropWatch.DROPPED, "lots");
    sys("$SYS/broker/uptime", "12 seconds");
    sys(BrokerDropWatch.STORED_MESSAGES, " 12\n");

    assertThat(sink.records()).isEmpty();
    assertThat(watch.storedMessages()).isEqualTo(12);
    assertThat(watch.storedBytes()).isEqualTo(-1);
  }
}
