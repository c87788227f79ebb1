package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.managed.PushedConfig;
import org.gridguard.edge.managed.PushedConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At start the last good push is merged over the local file; a broken one is not run. */
class StartupConfigTest {
  @TempDir Path dir;

  private String local() {
    return """
        gateway: {id: gw-1, credential: x}
        hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
        spool: {directory: %s}
        video:
          cameras: [{id: cam-local, url: "rtsp://10.0.0.9/s"}]
        rules:
          devices: {door-local: {door_held_open: 30s}}
        """.formatted(dir.resolve("spool"));
  }

  private PushedConfigFile file() {
    return PushedConfigFile.besideSpool(dir.resolve("spool"));
  }

  @Test
  void parse_noPersistedPush_localFileVersionZero() {
    StartupConfig startup = StartupConfig.parse(local(), "agent.yml");

    assertThat(startup.pushVersion()).isZero();
    assertThat(startup.config().video().cameras()).extracting(c -> c.id())
        .containsExactly("cam-local");
    assertThat(startup.managed()).isTrue();
  }

  @Test
  void parse_persistedPush_itsSectionsWinTheRestIsLocal() throws Exception {
    file().save(new PushedConfig(9, Map.of("video", Map.of("cameras",
        List.of(Map.of("id", "cam-hub", "url", "rtsp://10.0.0.2/s"))))));

    StartupConfig startup = StartupConfig.parse(local(), "agent.yml");

    assertThat(startup.pushVersion()).isEqualTo(9);
    assertThat(startup.config().video().cameras()).extracting(c -> c.id())
        .containsExactly("cam-hub");
    assertThat(startup.config().rules().devices()).as("not pushed: the local file's")
        .containsOnlyKeys("door-local");
    assertThat(startup.config().gateway().id()).isEqualTo("gw-1");
  }

  @Test
  void parse_corruptPersistedPush_localFileVersionZero() throws Exception {
    Files.writeString(file().path(), "config_version: 9\nvideo: {cameras: [");

    StartupConfig startup = StartupConfig.parse(local(), "agent.yml");

    assertThat(startup.pushVersion()).isZero();
    assertThat(startup.config().video().cameras()).extracting(c -> c.id())
        .containsExactly("cam-local");
  }

  @Test
  void parse_persistedPushInvalidOverThisFile_localFileVersionZero() throws Exception {
    file().save(new PushedConfig(4, Map.of("video", Map.of("cameras",
        List.of(Map.of("id", "cam-hub"))))));

    StartupConfig startup = StartupConfig.parse(local(), "agent.yml");

    assertThat(startup.pushVersion()).isZero();
    assertThat(startup.config().video().cameras()).extracting(c -> c.id())
        .containsExactly("cam-local");
  }

  @Test
  void parse_localFileInvalid_refusedEvenWithAPush() throws Exception {
    file().save(new PushedConfig(4, Map.of("video", Map.of("cameras", List.of()))));

    assertThatThrownBy(() -> StartupConfig.parse(local().replace("port: 7700", "port: -1"),
        "agent.yml")).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("hub.port");
  }

  @Test
  void load_persistedPushWithMappingAndTypeRules_runAtStart_fileKeptForReloadMapping()
      throws Exception {
    Path agentYml = dir.resolve("agent.yml");
    Files.writeString(agentYml, local() + """
        mqtt: {broker: "tcp://127.0.0.1:1883", client_id: gw-1}
        mapping:
          credential_salt: gw-1-local-salt
          presets: [gridguard-canonical]
        """);
    file().save(new PushedConfig(4, Map.of(
        "rules", Map.of("device_types", Map.of("meter", Map.of("expected_interval", "10m"))),
        "mapping", Map.of("presets", List.of("acme-access"), "rules", List.of()))));

    StartupConfig startup = StartupConfig.load(agentYml);

    assertThat(startup.pushVersion()).isEqualTo(4);
    assertThat(startup.config().rules().deviceTypes()).containsOnlyKeys("meter");
    assertThat(startup.config().rules().devices()).as("not pushed: the local file's")
        .containsOnlyKeys("door-local");
    assertThat(startup.config().mapping().credentialSalt()).isEqualTo("gw-1-local-salt");
    assertThat(startup.config().mapping().mappedMetrics(
        startup.config().mapping().presetRuleCount())).as("mapping.rules: [] pushed").isEmpty();
    assertThat(startup.pushed()).containsOnlyKeys("rules", "mapping");
    assertThat(startup.localFile()).isEqualTo(agentYml);
    assertThat(AgentJudge.managed(startup.config(), startup.runningTree()).mappingTree())
        .isEqualTo(Map.of("credential_salt", "gw-1-local-salt",
            "presets", List.of("acme-access"), "rules", List.of()));
  }
}
