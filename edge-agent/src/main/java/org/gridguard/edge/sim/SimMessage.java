package org.gridguard.edge.sim;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One MQTT message to publish, with what it is for the status line and tests. */
record SimMessage(String topic, String payload, String deviceId, DeviceKind kind, Anomaly anomaly) {
  SimMessage {
    Objects.requireNonNull(topic);
    Objects.requireNonNull(payload);
    Objects.requireNonNull(deviceId);
    Objects.requireNonNull(kind);
  }

  byte[] bytes() {
    return payload.getBytes(StandardCharsets.UTF_8);
  }
}
