package org.gridguard.edge.metrics;

import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigRuleException;

/**
 * The {@code metrics} slice: where else than the log the agent's metrics are shown.
 *
 * @param prometheusPort serve Prometheus text at {@code http://127.0.0.1:<port>/metrics}; 0 (the
 *     default) serves nothing. Loopback only: a scraper on the gateway (or an SSH tunnel)
 *     reads it; nothing is exposed to the village network.
 */
public record MetricsConfig(int prometheusPort) {
  public static final MetricsConfig OFF = new MetricsConfig(0);

  public MetricsConfig {
    ConfigRuleException.Rules rules = new ConfigRuleException.Rules();
    rules.check(prometheusPort == 0 || (prometheusPort >= 1 && prometheusPort <= 65535),
        "prometheus_port", "must be 0 (off) or a TCP port 1-65535, was " + prometheusPort);
    rules.throwIfAny();
  }

  public boolean prometheusEnabled() {
    return prometheusPort != 0;
  }

  public static MetricsConfig from(ConfigNode node) {
    int port = (int) node.integer("prometheus_port", 0, 0, 65535);
    node.rejectUnknownKeys();
    MetricsConfig built = node.build(() -> new MetricsConfig(port));
    return built == null ? OFF : built;
  }
}
