package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hub and the edge agree on the format of the configuration the hub assembles from its
 * device registry: the golden files written by the hub's {@code EdgeConfigAssemblerTest} (and
 * kept byte-identical there) are accepted by the agent's own judge once a gateway's local
 * sections are put in front of them.
 */
class HubAssembledConfigTest {
  /** The sections a gateway keeps to itself; the hub's document never has them. */
  private static final String LOCAL = """
      gateway: {id: village-0421, credential: x}
      hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
      spool: {directory: /var/lib/gridguard/spool}
      """;

  private static String golden(String name) throws IOException {
    try (InputStream in = HubAssembledConfigTest.class.getResourceAsStream(
        "/config-golden/" + name)) {
      assertThat(in).as("test resource config-golden/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static AgentConfig judged(String name) throws IOException {
    ConfigVerdict verdict = AgentConfigLoader.judge(LOCAL + golden(name), "hub config " + name);
    assertThat(verdict).as(verdict.toString()).isInstanceOf(ConfigVerdict.Valid.class);
    return ((ConfigVerdict.Valid) verdict).config();
  }

  @Test
  void judge_hubAssembledConfigWithLocalSections_validWithEveryDevice() throws IOException {
    AgentConfig config = judged("village-0421.yml");

    var cameras = config.video().cameras();
    assertThat(cameras).extracting(c -> c.id()).containsExactly("cam-gate", "cam-yard");
    var gate = cameras.get(0);
    assertThat(gate.zones()).singleElement().satisfies(zone -> {
      assertThat(zone.name()).isEqualTo("fence");
      assertThat(zone.masks()).hasSize(1);
      assertThat(zone.minArea()).isEqualTo(0.02);
    });
    assertThat(gate.detect().coveredEdgeRatio()).isEqualTo(0.2);
    assertThat(gate.timeZone()).isEqualTo("Asia/Shanghai");
    assertThat(config.rules().devices()).containsOnlyKeys("WL-RIVER-BRIDGE", "door-east");
    assertThat(config.rules().watchedMetrics("water_level"))
        .containsKeys("water_level", "battery");
  }

  @Test
  void judge_redactedHubConfig_isValidToo() throws IOException {
    AgentConfig config = judged("village-0421.redacted.yml");

    assertThat(config.video().cameras()).hasSize(2);
    assertThat(config.rules().devices()).hasSize(2);
  }

  @Test
  void judge_hubConfigWithoutLocalSections_namesTheMissingOnes() throws IOException {
    ConfigVerdict verdict = AgentConfigLoader.judge(golden("village-0421.yml"), "hub config");

    assertThat(verdict).isInstanceOf(ConfigVerdict.Invalid.class);
    assertThat(((ConfigVerdict.Invalid) verdict).problems())
        .anySatisfy(p -> assertThat(p).startsWith("gateway"))
        .noneSatisfy(p -> assertThat(p).startsWith("video"))
        .noneSatisfy(p -> assertThat(p).startsWith("rules"));
  }
}
