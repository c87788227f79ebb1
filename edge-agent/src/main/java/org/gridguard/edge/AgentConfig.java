package org.gridguard.edge;

import java.time.Duration;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.metrics.MetricsConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.video.CamerasConfig;
import org.gridguard.edge.source.mqtt.MqttConfig;
import org.gridguard.edge.source.simulator.SimulatorConfig;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.uplink.HubAddress;
import org.gridguard.edge.uplink.UplinkConfig;

/**
 * The whole agent configuration, one validated record with a slice per component; each
 * component receives only its own slice.
 *
 * @param mqtt {@code null} when the gateway has no MQTT devices (no {@code mqtt:} section)
 * @param mapping present whenever {@code mqtt} is
 * @param rules the edge rules; built-in defaults when the file has no {@code rules:} section
 * @param video {@code null} when the gateway has no cameras (no {@code video:} section)
 * @param simulator {@code null} unless a {@code simulator:} section is present
 * @param metricsLogInterval how often the agent logs its metrics
 * @param metrics where else the metrics are shown (Prometheus text on a loopback port, or not)
 */
public record AgentConfig(
    GatewayConfig gateway,
    HubAddress hub,
    SpoolConfig spool,
    UplinkConfig uplink,
    MqttConfig mqtt,
    MappingConfig mapping,
    RulesConfig rules,
    CamerasConfig video,
    SimulatorConfig simulator,
    Duration metricsLogInterval,
    MetricsConfig metrics) {

  public AgentConfig {
    if (gateway == null || hub == null || spool == null || uplink == null || rules == null) {
      throw new IllegalArgumentException("gateway, hub, spool, uplink and rules are required");
    }
    if (metrics == null) {
      throw new IllegalArgumentException("metrics is required (MetricsConfig.OFF for none)");
    }
    if (mqtt != null && mapping == null) {
      throw new IllegalArgumentException("an mqtt source needs a mapping");
    }
  }
}
