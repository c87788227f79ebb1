package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridguard.edge.AgentConfigLoader;
import org.gridguard.edge.ConfigVerdict;
import org.gridguard.edge.config.YamlDocuments;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push judged by the agent's own validator over the local file: newer and valid is applied
 * and persisted, invalid is answered with every problem and its path, not newer is ignored.
 */
class ConfigPushServiceTest {
  @TempDir Path dir;
  private final List<String> calls = new ArrayList<>();
  private final Metrics metrics = new Metrics();

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
    calls.add("reload rules " + new java.util.TreeSet<>(rules.devices().keySet()));
    return CompletableFuture.completedFuture(0);
  });

  private String local() {
    return """
        gateway: {id: village-0421, credential: x}
        hub: {host: 127.0.0.1, port: 7700, tls: {enabled: false}}
        spool: {directory: %s}
        video:
          cameras: [{id: cam-local, url: "rtsp://10.0.0.9/s"}]
        """.formatted(dir.resolve("spool"));
  }

  private static ConfigJudge.Verdict judge(Object tree, String source) {
    ConfigVerdict v = AgentConfigLoader.judgeTree(tree, source);
    return v instanceof ConfigVerdict.Valid valid
        ? new ConfigJudge.Valid(new ManagedConfig(valid.config().video(), valid.config().rules()))
        : new ConfigJudge.Invalid(((ConfigVerdict.Invalid) v).problems());
  }

  private ConfigPushService service(long version) {
    Object tree = YamlDocuments.parse(local(), "local");
    ManagedConfig running = ((ConfigJudge.Valid) judge(tree, "local")).config();
    return new ConfigPushService(tree, running, version, ConfigPushServiceTest::judge, applier,
        PushedConfigFile.besideSpool(dir.resolve("spool")), metrics);
  }

  private static ConfigPush push(long version, String yaml) {
    return ConfigPush.newBuilder().setConfigVersion(version).setContentType("application/yaml")
        .setDocument(ByteString.copyFromUtf8(yaml)).build();
  }

  @Test
  void push_validAndNewer_appliedPersistedAndVersionRun() {
    ConfigPushService service = service(0);

    CommandResult result = service.push(push(5, """
        video:
          cameras: [{id: cam-gate, url: "rtsp://10.0.0.2/s"}]
        rules:
          devices: {door-east: {door_held_open: 60s}}
        """));

    assertThat(result.getCommandId()).isEqualTo("config:5");
    assertThat(result.getOk()).as(result.getMessage()).isTrue();
    assertThat(result.getMessage()).startsWith("applied: cameras started [cam-gate], "
        + "stopped [cam-local]");
    assertThat(calls).containsExactly("stop cam-local", "start cam-gate",
        "reload rules [door-east]");
    assertThat(service.version()).isEqualTo(5);
    PushedConfig saved = PushedConfigFile.besideSpool(dir.resolve("spool")).load().orElseThrow();
    assertThat(saved.version()).isEqualTo(5);
    assertThat(saved.sections()).containsOnlyKeys("video", "rules");
    assertThat(metrics.counterValue("config_push.applied")).isEqualTo(1);
    assertThat(metrics.gaugeValue("config_push.applied_version")).isEqualTo(5);
  }

  @Test
  void push_invalid_everyProblemWithItsPath_nothingAppliedNorSaved() {
    ConfigPushService service = service(3);

    CommandResult result = service.push(push(4, """
        video:
          cameras:
            - {id: cam-gate, url: "rtsp://10.0.0.2/s", analysis_fps: -1}
            - {id: cam-yard}
        rules:
          devices: {door-east: {door_held_open: soon}}
        """));

    assertThat(result.getCommandId()).isEqualTo("config:4");
    assertThat(result.getOk()).isFalse();
    assertThat(result.getMessage().split("\n"))
        .anySatisfy(p -> assertThat(p).startsWith("video.cameras[0].analysis_fps"))
        .anySatisfy(p -> assertThat(p).startsWith("video.cameras[1].url"))
        .anySatisfy(p -> assertThat(p).startsWith("rules.devices.door-east.door_held_open"));
    assertThat(calls).isEmpty();
    assertThat(service.version()).isEqualTo(3);
    assertThat(PushedConfigFile.besideSpool(dir.resolve("spool")).load()).isEmpty();
    assertThat(metrics.counterValue("config_push.rejected")).isEqualTo(1);
  }

  @Test
  void push_hubAssembledGoldenDocument_appliedWithEveryCameraAndRule() throws Exception {
    String golden;
    try (var in = getClass().getResourceAsStream("/config-golden/village-0421.yml")) {
      golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ConfigPushService service = service(0);

    CommandResult result = service.push(push(12, golden));

    assertThat(result.getOk()).as(result.getMessage()).isTrue();
    assertThat(calls).containsExactly("stop cam-local", "start cam-gate", "start cam-yard",
        "reload rules [WL-RIVER-BRIDGE, door-east]");
  }

  @Test
  void push_notNewer_answeredOkAndIgnored() {
    ConfigPushService service = service(7);

    CommandResult result = service.push(push(7, "video: {cameras: []}"));

    assertThat(result.getOk()).isTrue();
    assertThat(result.getMessage()).contains("not newer than the running version 7");
    assertThat(calls).isEmpty();
  }

  @Test
  void push_unmanagedSectionOrBadYaml_rejectedNamingIt() {
    ConfigPushService service = service(0);

    CommandResult gateway = service.push(push(1, "gateway: {id: someone-else}"));
    CommandResult yaml = service.push(push(2, "video: {cameras: [}"));
    CommandResult type = service.push(ConfigPush.newBuilder().setConfigVersion(3)
        .setContentType("application/json").setDocument(ByteString.copyFromUtf8("{}")).build());

    assertThat(gateway.getMessage()).startsWith("gateway: not a managed section");
    assertThat(yaml.getMessage()).startsWith("line 1, column").contains("not valid YAML");
    assertThat(type.getMessage()).isEqualTo(
        "content_type: must be application/yaml, was 'application/json'");
    assertThat(List.of(gateway, yaml, type)).noneMatch(CommandResult::getOk);
    assertThat(service.version()).isZero();
  }

  @Test
  void push_withoutRules_localRulesAgain_onlyCamerasTouched() {
    ConfigPushService service = service(0);
    service.push(push(1, "video: {cameras: [{id: cam-local, url: \"rtsp://10.0.0.9/s\"}]}"));

    assertThat(calls).as("same camera, same (local) rules: nothing to do").isEmpty();
    assertThat(service.version()).isEqualTo(1);
  }
}
