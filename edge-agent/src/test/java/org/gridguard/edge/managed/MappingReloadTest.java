package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gridguard.edge.AgentJudge;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapping keys pushed by the hub and {@code reload_mapping} (PROTOCOL.md §10), judged by the
 * agent's own validator: a changed mapping is swapped, a bad one refused with its path and the
 * running mapping kept; the reload re-reads the file, the push's mapping keys still winning.
 */
class MappingReloadTest {
  @TempDir Path dir;
  private final List<String> calls = new ArrayList<>();
  private final Metrics metrics = new Metrics();
  private Path file;

  private final ConfigApplier applier = new ConfigApplier(new ConfigApplier.Cameras() {
    @Override
    public void start(CameraConfig camera) {
      calls.add("start " + camera.id());
    }

    @Override
    public void stop(String id) {
      calls.add("stop " + id);
    }

    @Override
    public int endAlarmsOfStopped() {
      return 0;
    }
  }, (rules, why) -> {
    calls.add("reload rules types " + new java.util.TreeSet<>(rules.deviceTypes().keySet()));
    return CompletableFuture.completedFuture(0);
  }, (MappingConfig next) -> {
    calls.add("swap to " + next.rules().size() + " rule(s)");
    return new ConfigApplier.Remapped("subscription changed", () -> calls.add("swap back"));
  });

  private String local(String ownRule) {
    return """
        gateway: {id: village-0421, credential: x}
        hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
        spool: {directory: %s}
        mqtt: {broker: "tcp://127.0.0.1:1883", client_id: village-0421}
        mapping:
          credential_salt: local-salt-1234
          dead_letter: {path: %s}
          rules:
        %s
        """.formatted(dir.resolve("spool"), dir.resolve("dl.jsonl"), ownRule);
  }

  private static String rule(String name, String topic) {
    return """
            - name: %s
              topic: %s
              device_id: "{topic[1]}"
              device_type: meter
              readings: [{metric: energy, path: $.e}]
        """.formatted(name, topic).stripTrailing();
  }

  private ConfigPushService service() throws Exception {
    file = dir.resolve("agent.yml");
    Files.writeString(file, local(rule("local-meter", "local/+/data")));
    Object tree = YamlDocuments.parse(Files.readString(file), file.toString());
    ManagedConfig running = ((ConfigJudge.Valid) AgentJudge.judge(tree, "local")).config();
    return new ConfigPushService(new ConfigPushService.State(tree, Map.of(), running), 0,
        AgentJudge::judge, applier, PushedConfigFile.besideSpool(dir.resolve("spool")), metrics,
        file);
  }

  private static ConfigPush push(long version, String yaml) {
    return ConfigPush.newBuilder().setConfigVersion(version).setContentType("application/yaml")
        .setDocument(ByteString.copyFromUtf8(yaml)).build();
  }

  private long reloads(String trigger, String outcome) {
    return metrics.counterValue("mapping.reloads[trigger=" + trigger + ",outcome=" + outcome
        + "]");
  }

  @Test
  void push_mappingRulesAndPresets_swappedPersisted_localKeysOfTheMappingStay()
      throws Exception {
    ConfigPushService service = service();

    CommandResult result = service.push(push(1, "mapping:\n  presets: [acme-access]\n"
        + "  rules:\n" + rule("vendor-x", "vendor/+/x") + "\n"));

    assertThat(result.getOk()).as(result.getMessage()).isTrue();
    assertThat(calls).containsExactly("swap to 3 rule(s)");
    assertThat(result.getMessage()).contains("mapping swapped (subscription changed)");
    MappingConfig running = service.running().mapping();
    assertThat(running.credentialSalt()).as("the file's own mapping keys").isEqualTo(
        "local-salt-1234");
    assertThat(running.presetRuleCount()).isEqualTo(2);
    assertThat(PushedConfigFile.besideSpool(dir.resolve("spool")).load().orElseThrow()
        .sections()).containsOnlyKeys("mapping");
    assertThat(reloads("push", "applied")).isEqualTo(1);
  }

  @Test
  void push_badMappingRule_refusedWithItsPath_noSwap() throws Exception {
    ConfigPushService service = service();

    CommandResult result = service.push(push(1, """
        mapping:
          rules:
            - {name: broken, topic: "vendor/#/x", device_id: "{topic[1]}", device_type: meter,
               readings: [{metric: energy, path: $.e}]}
          presets: [no-such-preset]
        """));

    assertThat(result.getOk()).isFalse();
    assertThat(result.getMessage().split("\n"))
        .anySatisfy(p -> assertThat(p).startsWith("mapping.rules[0].topic"))
        .anySatisfy(p -> assertThat(p).startsWith("mapping.presets[0]: unknown preset"));
    assertThat(calls).isEmpty();
    assertThat(service.version()).isZero();
    assertThat(reloads("push", "rejected")).isEqualTo(1);
  }

  @Test
  void push_unmanagedMappingKey_refusedWithItsPath() throws Exception {
    ConfigPushService service = service();

    CommandResult result = service.push(push(1, "mapping: {dead_letter: {path: /tmp/x}}"));

    assertThat(result.getOk()).isFalse();
    assertThat(result.getMessage()).startsWith("mapping.dead_letter: not managed by the hub");
  }

  @Test
  void push_deviceTypes_rulesReloadedMappingUntouched() throws Exception {
    ConfigPushService service = service();

    CommandResult result = service.push(push(1, """
        rules:
          device_types:
            water_level: {thresholds: [{metric: water_level, above: 0.6, type: WATER_LEVEL}]}
        """));

    assertThat(result.getOk()).as(result.getMessage()).isTrue();
    assertThat(calls).containsExactly("reload rules types [water_level]");
    assertThat(result.getMessage()).contains("rules reloaded; mapping unchanged");
  }

  @Test
  void reloadMapping_fileEdited_newMappingSwapped_laterPushesMergeOverIt() throws Exception {
    ConfigPushService service = service();
    Files.writeString(file, local(rule("local-meter", "local/+/data") + "\n"
        + rule("local-gauge", "local/+/gauge")));

    MappingReload.Outcome outcome = service.reloadMapping();

    assertThat(outcome.ok()).as(outcome.message()).isTrue();
    assertThat(outcome.message()).startsWith("mapping reloaded from " + file + ": 2 rule(s) "
        + "in force; subscription changed");
    assertThat(calls).containsExactly("swap to 2 rule(s)");
    assertThat(reloads("command", "applied")).isEqualTo(1);

    calls.clear();
    CommandResult pushed = service.push(push(1, "rules: {device_types: {meter: {}}}"));
    assertThat(pushed.getOk()).as(pushed.getMessage()).isTrue();
    assertThat(calls).as("the reloaded mapping stays under a later push")
        .containsExactly("reload rules types [meter]");
  }

  @Test
  void reloadMapping_invalidFile_refusedWithEveryProblem_runningMappingStays() throws Exception {
    ConfigPushService service = service();
    ManagedConfig before = service.running();
    Files.writeString(file, local(rule("local-meter", "local/#/data"))
        .replace("port: 7700", "port: -1"));

    MappingReload.Outcome outcome = service.reloadMapping();

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.message().split("\n"))
        .anySatisfy(p -> assertThat(p).startsWith("mapping.rules[0].topic"))
        .anySatisfy(p -> assertThat(p).startsWith("hub.port"));
    assertThat(calls).isEmpty();
    assertThat(service.running()).isSameAs(before);
    assertThat(reloads("command", "rejected")).isEqualTo(1);
  }

  @Test
  void reloadMapping_unreadableOrNotYaml_refused() throws Exception {
    ConfigPushService service = service();
    Files.writeString(file, "mapping: [");

    MappingReload.Outcome notYaml = service.reloadMapping();
    Files.delete(file);
    MappingReload.Outcome missing = service.reloadMapping();

    assertThat(notYaml.ok()).isFalse();
    assertThat(notYaml.message()).contains("not valid YAML");
    assertThat(missing.ok()).isFalse();
    assertThat(missing.message()).startsWith("(file): cannot read " + file);
    assertThat(calls).isEmpty();
  }

  @Test
  void reloadMapping_pushedRulesWinOverTheFile_unchangedAndSaidSo() throws Exception {
    ConfigPushService service = service();
    service.push(push(1, "mapping:\n  rules:\n" + rule("vendor-x", "vendor/+/x") + "\n"));
    calls.clear();
    Files.writeString(file, local(rule("local-other", "other/+/data"))
        .replace("credential: x", "credential: y"));

    MappingReload.Outcome outcome = service.reloadMapping();

    assertThat(outcome.ok()).as(outcome.message()).isTrue();
    assertThat(outcome.message()).startsWith("mapping unchanged (1 rule(s) in force)")
        .contains("[mapping.rules] of the last config push win over the file's")
        .contains("the file's other changes (gateway) are not applied by reload_mapping");
    assertThat(calls).isEmpty();
    assertThat(reloads("command", "unchanged")).isEqualTo(1);
  }
}
