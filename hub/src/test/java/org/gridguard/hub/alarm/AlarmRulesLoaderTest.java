package org.gridguard.hub.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmRulesLoaderTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void load_shippedDefaults_fireIntrusionOutage() {
    List<AlarmRule> rules = AlarmRulesLoader.load("");
    assertThat(rules).extracting(AlarmRule::name)
        .containsExactly("fire", "night-intrusion", "gateway-outage");
    AlarmRule fire = rules.get(0);
    assertThat(fire.category()).isEqualTo("9101");
    assertThat(fire.priority()).isEqualTo(1);
    assertThat(fire.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(fire.memberOf("THRESHOLD", "threshold:temperature")).isEqualTo(1);
    assertThat(fire.memberOf("THRESHOLD", "threshold:humidity")).isEqualTo(-1);
    assertThat(rules.get(2).minDevices()).isEqualTo(3);
  }

  @Test
  void parse_badRule_namesRuleAndKeyForEveryProblem() {
    String yaml = """
        rules:
          - name: fire
            kind: all-of
            window: soon
            members:
              - types: [SMOKE, FLAMES]
            incident: {category: "9999", priority: 7}
            colour: red
          - name: out
            kind: outage
            window: 5m
            members:
              - types: [VIDEO_LOSS]
          - name: fire
            kind: sometimes
            window: 1m
            members: []
        """;
    assertThatThrownBy(() -> AlarmRulesLoader.parse("rules.yml", yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rules.yml: rule 'fire' window: a duration such as 10m, was 'soon'")
        .hasMessageContaining("rule 'fire' members[0] types: unknown alarm type 'FLAMES'")
        .hasMessageContaining("rule 'fire' incident.category: one of")
        .hasMessageContaining("rule 'fire' incident.priority: 1-4, was '7'")
        .hasMessageContaining("rule 'fire' colour: unknown key")
        .hasMessageContaining("rule 'fire' members: an all-of rule needs at least two members")
        .hasMessageContaining("rule 'out' min-devices: 2-10000")
        .hasMessageContaining("rule 'fire' name: defined twice")
        .hasMessageContaining("rule 'fire' kind: 'all-of' or 'outage', was 'sometimes'");
  }

  @Test
  void parse_notYaml_saysSo() {
    assertThatThrownBy(() -> AlarmRulesLoader.parse("x.yml", "rules: [: :"))
        .hasMessageContaining("x.yml: not valid YAML");
    assertThatThrownBy(() -> AlarmRulesLoader.parse("x.yml", "other: 1"))
        .hasMessageContaining("x.yml: expected a map with a list 'rules'");
  }

  @Test
  void load_missingFile_namesTheKey() {
    assertThatThrownBy(() -> AlarmRulesLoader.load("/nonexistent/rules.yml"))
        .hasMessageContaining("gridguard.alarm.rules-file: cannot read /nonexistent/rules.yml");
  }

  @Test
  void atNight_windowOverMidnight_includesLateAndEarlyExcludesDay() {
    AlarmRule intrusion = AlarmRulesLoader.load("").get(1);
    assertThat(intrusion.atNight(local("2025-10-13T23:30:00"), SHANGHAI)).isTrue();
    assertThat(intrusion.atNight(local("2025-10-14T05:59:00"), SHANGHAI)).isTrue();
    assertThat(intrusion.atNight(local("2025-10-14T06:00:00"), SHANGHAI)).isFalse();
    assertThat(intrusion.atNight(local("2025-10-13T12:00:00"), SHANGHAI)).isFalse();
    assertThat(intrusion.atNight(local("2025-10-13T22:00:00"), SHANGHAI)).isTrue();
  }

  static Instant local(String t) {
    return java.time.LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
  }
}
