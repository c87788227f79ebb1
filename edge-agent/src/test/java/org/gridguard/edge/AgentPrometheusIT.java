package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent with {@code metrics.prometheus_port}: a scraper reads one registry. */
class AgentPrometheusIT {
  @TempDir Path dir;
  private final TestHub hub = new TestHub();

  @AfterEach
  void tearDown() {
    hub.close();
  }

  private AgentConfig config(int prometheusPort) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yml"), """
        gateway: {id: gw-prom, credential: x}
        hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
        spool: {directory: %s}
        metrics: {prometheus_port: %d}
        """.formatted(hub.port(), dir.resolve("spool"), prometheusPort));
    return AgentConfigLoader.load(file);
  }

  @Test
  void prometheusPort_set_servesRegistryOnLoopback() throws Exception {
    hub.start();
    int port = FreePorts.pick();
    try (Agent agent = Agent.start(config(port))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
      assertThat(res.body())
          .contains("gridguard_edge_spool_appends_total")
          .contains("gridguard_edge_spool_fsync_seconds_count")
          .contains("gridguard_edge_spool_fsync_seconds_bucket{le=")
          .contains("gridguard_edge_uplink_connects_total")
          .contains("gridguard_edge_uplink_connected")
          .contains("gridguard_edge_rules_offered_total");
      assertThat(agent.metrics().snapshot()).containsKeys("spool.appends", "uplink.connects",
          "spool.fsync", "rules.offered");
    }
  }

  @Test
  void prometheusPort_default_listensNowhere() throws Exception {
    hub.start();
    Path file = Files.writeString(dir.resolve("agent.yml"), """
        gateway: {id: gw-prom, credential: x}
        hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
        spool: {directory: %s}
        """.formatted(hub.port(), dir.resolve("spool")));
    AgentConfig config = AgentConfigLoader.load(file);
    assertThat(config.metrics().prometheusEnabled()).isFalse();
    int port = FreePorts.pick();
    try (Agent agent = Agent.start(config); ServerSocket free = new ServerSocket(port)) {
      assertThat(free.getLocalPort()).as("nobody bound it").isEqualTo(port);
    }
  }
}
