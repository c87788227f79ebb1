package org.gridguard.edge.config;

import java.time.Duration;
import java.util.Map;
import org.gridguard.edge.source.simulator.SimulatorConfig;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.uplink.HubAddress;
import org.gridguard.edge.uplink.UplinkConfig;

/**
 * The whole agent configuration, one validated record with a slice per component. The
 * {@code mqtt}, {@code mappings}, {@code rules} and {@code cameras} sections are kept as
 * {@link ConfigNode}s for their components to parse ({@link #section}); their problems join the
 * same {@link ConfigProblems}.
 *
 * @param simulator {@code null} unless a {@code simulator:} section is present
 * @param metricsLogInterval how often the agent logs its metrics
 */
public record AgentConfig(
    GatewayConfig gateway,
    HubAddress hub,
    SpoolConfig spool,
    UplinkConfig uplink,
    SimulatorConfig simulator,
    Duration metricsLogInterval,
    Map<String, Object> sections,
    ConfigProblems problems) {

  /** Top-level sections parsed by other components. */
  public static final java.util.List<String> COMPONENT_SECTIONS =
      java.util.List.of("mqtt", "mappings", "rules", "cameras");

  public AgentConfig {
    if (gateway == null || hub == null || spool == null || uplink == null) {
      throw new IllegalArgumentException("gateway, hub, spool and uplink are required");
    }
    sections = Map.copyOf(sections);
  }

  /**
   * A node holding just one top-level section, so that paths in problems read as in the file:
   * {@code section("mqtt").child("mqtt")}, {@code section("mappings").list("mappings")}.
   */
  public ConfigNode section(String key) {
    Object raw = sections.get(key);
    return ConfigNode.root(raw == null ? Map.of() : Map.of(key, raw), problems);
  }
}
