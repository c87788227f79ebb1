package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Rules chosen per mapping rule (vendor): {@code rules: <profile>} names a
 * {@code rules.device_types} entry; precedence device id > mapping rule > device type > built-in.
 */
class RulesProfileTest {
  private static final String CONFIG = MapFixture.HEAD + """
        rules:
          - name: acme-smoke          # this vendor reports a raw density with its own scale
            topic: acme/+/smoke
            device_type: smoke
            device_id: "{topic[1]}"
            rules: acme_smoke
            readings: [{metric: smoke_density, path: $.d, unit: "%/m"}]
          - name: other-smoke
            topic: other/+/smoke
            device_type: smoke
            device_id: "{topic[1]}"
            readings: [{metric: smoke_density, path: $.d, unit: "%/m"}]
      rules:
        device_types:
          acme_smoke:
            thresholds:
              - {metric: smoke_density, above: 50, clear_below: 20, unit: "%/m", type: SMOKE,
                 priority: 1, category: 9101}
        devices:
          sm-9:
            thresholds:
              - {metric: smoke_density, above: 90, clear_below: 20, unit: "%/m", type: SMOKE,
                 priority: 1, category: 9101}
      """;

  private static String map(String config, String topic, String payload) throws Exception {
    return MapFixture.map(config, topic, payload, 0);
  }

  @Test
  void map_ruleWithProfile_devicesGetTheProfilesThresholdsOverTheirTypes() throws Exception {
    // 30 %/m: over the built-in smoke level (10), under the acme profile's (50)
    assertThat(map(CONFIG, "acme/sm-1/smoke", "{\"d\": 30}"))
        .contains("rules profile (mapping rule's rules:): acme_smoke")
        .doesNotContain("type: SMOKE phase: BEGIN");
    assertThat(map(CONFIG, "acme/sm-1/smoke", "{\"d\": 60}")).contains("type: SMOKE phase: BEGIN");
    // same device type, another vendor's rule without a profile: the built-in level
    assertThat(map(CONFIG, "other/sm-2/smoke", "{\"d\": 30}")).contains("type: SMOKE phase: BEGIN");
  }

  @Test
  void map_deviceEntry_winsOverTheMappingRulesProfile() throws Exception {
    assertThat(map(CONFIG, "acme/sm-9/smoke", "{\"d\": 60}")).doesNotContain("phase: BEGIN");
    assertThat(map(CONFIG, "acme/sm-9/smoke", "{\"d\": 95}")).contains("type: SMOKE phase: BEGIN");
  }

  @Test
  void parse_profileNotInDeviceTypes_refusedWithPathAndKnownNames() {
    ConfigVerdict verdict = AgentConfigLoader.judge(CONFIG.replace("rules: acme_smoke",
        "rules: acme_smok"), "agent.yml");
    assertThat(verdict).isInstanceOf(ConfigVerdict.Invalid.class);
    assertThat(((ConfigVerdict.Invalid) verdict).problems()).anySatisfy(p -> assertThat(p)
        .isEqualTo("mapping.rules[0].rules: mapping rule 'acme-smoke' names the rules profile "
            + "'acme_smok', which rules.device_types does not define (defined: [acme_smoke])"));
    ConfigVerdict badName = AgentConfigLoader.judge(CONFIG.replace("rules: acme_smoke",
        "rules: Acme Smoke"), "agent.yml");
    assertThat(((ConfigVerdict.Invalid) badName).problems()).anySatisfy(p -> assertThat(p)
        .startsWith("mapping.rules[0].rules: names a rules.device_types entry in snake_case"));
  }

  @Test
  void warnings_profileMetrics_judgedAgainstTheProfile() {
    // the acme vendor's metric is one only its profile watches
    String raw = CONFIG.replaceFirst("metric: smoke_density, path", "metric: smoke_raw, path")
        .replace("{metric: smoke_density, above: 50", "{metric: smoke_raw, above: 50");
    assertThat(MappingChecks.warnings(AgentConfigLoader.parse(raw, "agent.yml"))).isEmpty();
    String noProfile = raw.replaceFirst("\\n *rules: acme_smoke", "");
    assertThat(noProfile).isNotEqualTo(raw);
    assertThat(MappingChecks.warnings(AgentConfigLoader.parse(noProfile, "agent.yml")))
        .singleElement().asString().startsWith("mapping rule 'acme-smoke': metric 'smoke_raw' "
            + "of device type 'smoke' is watched by no rule");
  }
}
