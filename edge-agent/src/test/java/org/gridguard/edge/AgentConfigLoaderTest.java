package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gridguard.edge.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
  @TempDir Path dir;

  private static final String MINIMAL = """
      gateway:
        id: village-1
        credential: s3cret
      hub:
        host: 127.0.0.1
        port: 7000
        tls:
          enabled: false
      spool:
        directory: /tmp/spool
      """;

  @Test
  void parse_minimalConfig_appliesDefaults() {
    AgentConfig c = AgentConfigLoader.parse(MINIMAL, "agent.yml");
    assertThat(c.gateway().id()).isEqualTo("village-1");
    assertThat(c.hub().tls()).isNull();
    assertThat(c.spool().fsyncInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.uplink().batchRecords()).isEqualTo(1000);
    assertThat(c.simulator()).isNull();
    assertThat(c.gateway().toString()).doesNotContain("s3cret");
  }

  @Test
  void parse_manyProblems_listsEveryOneWithItsPath() {
    String yaml = """
        gateway:
          credential: x
        hub:
          host: 127.0.0.1
          port: 70000
          tls: {enabled: false}
        spool:
          directory: /tmp/spool
          fsync_interval: soon
          segment_size: 1MiB
          disk_budget: 1MiB
          retension: 7d
        uplink:
          batch_records: 0
        colour: blue
        """;
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> AgentConfigLoader.parse(yaml, "agent.yml"));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "gateway.id: is required",
        "hub.port: must be within [1, 65535], was 70000",
        "spool.fsync_interval: must be a duration like 250ms, 5s, 10m, 2h or 7d, found 'soon'",
        "spool.retension: unknown key",
        "spool.disk_budget: must be at least two segments (2 × segment_size = 2097152 bytes), "
            + "was 1048576",
        "uplink.batch_records: must be within [1, 10000], was 0",
        "colour: unknown key");
    assertThat(e.getMessage()).startsWith("agent.yml has 7 problems:");
  }

  @Test
  void parse_gatewayIdDotOrDotDotOrHidden_refusedWithTheRule() {
    for (String id : new String[] {"..", ".", ".hidden", "-x", "gw/1"}) {
      String yaml = MINIMAL.replace("id: village-1", "id: '" + id + "'");
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> AgentConfigLoader.parse(yaml, "agent.yml"));
      assertThat(e).as(id).isNotNull();
      assertThat(e.problems()).as(id).containsExactly("gateway.id: must be 1-64 characters of "
          + "[A-Za-z0-9._-] starting with a letter or digit, was '" + id + "'");
    }
  }

  @Test
  void parse_brokenYaml_saysLineAndColumn() {
    assertThatThrownBy(() -> AgentConfigLoader.parse("gateway:\n  id: [unclosed\n", "a.yml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("a.yml has 1 problem")
        .hasMessageContaining("line 3");
  }

  @Test
  void parse_duplicateKey_isAProblem() {
    assertThatThrownBy(() -> AgentConfigLoader.parse(MINIMAL + "spool:\n  directory: /x\n",
        "a.yml")).isInstanceOf(InvalidConfigException.class).hasMessageContaining("duplicate");
  }

  @Test
  void parse_componentSections_problemsCarryTheirFullPath() {
    assertThatThrownBy(() -> AgentConfigLoader.parse(MINIMAL + """
        mqtt:
          broker: tcp://127.0.0.1:1883
          client_id: edge-1
          keep_alive: soon
        video:
          cameras:
            - url: rtsp://127.0.0.1/x
        """, "agent.yml"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).contains(
            "mqtt.keep_alive: must be a duration like 250ms, 5s, 10m, 2h or 7d, found 'soon'",
            "mapping: is required when an mqtt section is present (which payloads become "
                + "which records)",
            "video.cameras[0].id: is required"));
  }

  @Test
  void parse_mqttWithPreset_buildsEveryTypedSlice() {
    AgentConfig c = AgentConfigLoader.parse(MINIMAL + """
        mqtt:
          client_id: edge-1
        mapping:
          credential_salt: "0123456789abcdef"
          presets: [acme-access]
          dead_letter: {path: /tmp/dl.jsonl}
        """, "agent.yml");
    assertThat(c.mqtt().clientId()).isEqualTo("edge-1");
    assertThat(c.mapping().rules()).isNotEmpty();
    assertThat(c.rules()).isNotNull();
    assertThat(c.video()).isNull();
  }

  @Test
  void parse_noComponentSections_runsWithDefaultRulesOnly() {
    AgentConfig c = AgentConfigLoader.parse(MINIMAL, "agent.yml");
    assertThat(c.mqtt()).isNull();
    assertThat(c.mapping()).isNull();
    assertThat(c.video()).isNull();
    assertThat(c.rules()).isEqualTo(org.gridguard.edge.rules.RulesConfig.defaults());
  }

  @Test
  void load_credentialFile_readsTheSecret() throws Exception {
    Path secret = Files.writeString(dir.resolve("cred"), "from-file\n");
    Path file = Files.writeString(dir.resolve("agent.yml"), MINIMAL.replace(
        "credential: s3cret", "credential_file: " + secret));
    assertThat(AgentConfigLoader.load(file).gateway().credential()).isEqualTo("from-file");
  }

  @Test
  void load_shippedExample_hasNoProblemsButItsMissingFiles() {
    Path example = Path.of("..", "deploy", "edge-agent.example.yml");
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> AgentConfigLoader.load(example));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "gateway.credential_file: cannot read '/etc/gridguard/gateway.credential': "
            + "java.nio.file.NoSuchFileException: /etc/gridguard/gateway.credential",
        "hub.tls.ca_file: file '/etc/gridguard/hub-ca.pem' does not exist or is not readable");
  }

  private static final String PUSHABLE = """
      gateway: {id: gw-1, credential: x}
      hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
      spool: {directory: /var/lib/gridguard/spool%s}
      """;

  @Test
  void judge_fsyncIntervalOverOneSecond_oneProblemAtItsPath() {
    ConfigVerdict verdict = AgentConfigLoader.judge(PUSHABLE.formatted(", fsync_interval: 5s"),
        "push");

    assertThat(verdict).isInstanceOf(ConfigVerdict.Invalid.class);
    assertThat(((ConfigVerdict.Invalid) verdict).problems()).containsExactly(
        "spool.fsync_interval: must be within 1ms..1s (an append's future waits this long at "
            + "most), was PT5S");
  }

  @Test
  void spoolConfig_directConstructionWithTheSameValue_sameRuleSameKey() {
    var e = catchThrowableOfType(org.gridguard.edge.config.ConfigRuleException.class,
        () -> org.gridguard.edge.spool.SpoolConfig.defaults(Path.of("/tmp/s"))
            .withBudget(1, 0));
    assertThat(e.violations()).extracting(v -> v.key())
        .containsExactly("disk_budget", "hard_cap");
    var fsync = catchThrowableOfType(org.gridguard.edge.config.ConfigRuleException.class,
        () -> new org.gridguard.edge.spool.SpoolConfig(Path.of("/tmp/s"), 1 << 20,
            Duration.ofSeconds(5), 1 << 20, 8 << 20, 16 << 20, 10, 4096, Duration.ofSeconds(10)));
    assertThat(fsync.violations()).singleElement().satisfies(v -> {
      assertThat(v.key()).isEqualTo("fsync_interval");
      assertThat(v.message()).contains("1ms..1s");
    });
  }

  @Test
  void judge_budgetAndHardCapBothWrong_bothListed() {
    ConfigVerdict verdict = AgentConfigLoader.judge(PUSHABLE.formatted(
        ", segment_size: 1MiB, disk_budget: 1MiB, hard_cap: 1KiB"), "push");

    assertThat(((ConfigVerdict.Invalid) verdict).problems()).hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("spool.disk_budget: must be at least two"))
        .anySatisfy(p -> assertThat(p).startsWith("spool.hard_cap: must be at least disk_budget"));
  }

  @Test
  void judge_badCameraId_oneProblemAtTheCameraPath() {
    ConfigVerdict verdict = AgentConfigLoader.judge((PUSHABLE.formatted("") + """
        video:
          cameras:
            - {id: "gate 1", url: "rtsp://10.0.0.2/s1"}
        """).getBytes(java.nio.charset.StandardCharsets.UTF_8), "push");

    assertThat(((ConfigVerdict.Invalid) verdict).problems()).containsExactly(
        "video.cameras[0].id: must be 1-64 characters of [A-Za-z0-9._-], was 'gate 1'");
  }

  @Test
  void judge_notYaml_invalidWithLine() {
    ConfigVerdict verdict = AgentConfigLoader.judge("gateway: [unclosed", "push");
    assertThat(((ConfigVerdict.Invalid) verdict).problems()).singleElement()
        .satisfies(p -> assertThat(p).contains("not valid YAML"));
  }

  @Test
  void judge_shippedExamples_valid() throws Exception {
    String agent = Files.readString(Path.of("../deploy/edge-agent.example.yml"));
    String video = Files.readString(Path.of("../deploy/edge-video.example.yml"));

    // the credential and CA files the example points at are not on a build machine
    Path credential = Files.writeString(dir.resolve("gateway.credential"), "secret");
    Path ca = Files.writeString(dir.resolve("hub-ca.pem"), "-----BEGIN CERTIFICATE-----");
    String yaml = (agent + "\n" + video)
        .replace("/etc/gridguard/gateway.credential", credential.toString())
        .replace("/etc/gridguard/hub-ca.pem", ca.toString());

    ConfigVerdict verdict = AgentConfigLoader.judge(yaml, "examples");

    assertThat(verdict).as("%s", verdict).isInstanceOf(ConfigVerdict.Valid.class);
    assertThat(((ConfigVerdict.Valid) verdict).config().video().cameras()).isNotEmpty();
  }
}
