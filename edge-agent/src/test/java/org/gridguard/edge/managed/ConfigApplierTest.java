package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridguard.edge.managed.Cameras.camera;
import static org.gridguard.edge.managed.Cameras.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.gridguard.edge.video.CamerasConfig;
import org.junit.jupiter.api.Test;

/**
 * All or none: cameras started/stopped/restarted by the diff, the MQTT mapping swapped, the
 * rules reloaded; every step taken undone when a later one fails.
 */
class ConfigApplierTest {
  private final List<String> calls = new ArrayList<>();
  private String failStart;
  private RuntimeException failRules;
  private final ConfigApplier.Cameras cameras = new ConfigApplier.Cameras() {
    @Override
    public void start(CameraConfig camera) {
      calls.add("start " + camera.id() + " " + camera.stream().url());
      if (camera.id().equals(failStart)) {
        throw new IllegalStateException("no thread for " + camera.id());
      }
    }

    @Override
    public void stop(String id) {
      calls.add("stop " + id);
    }

    @Override
    public int endAlarmsOfStopped() {
      calls.add("end alarms of stopped");
      return 2;
    }
  };
  private final ConfigApplier.Rules rules = (config, why) -> {
    calls.add("reload rules (" + why + ")");
    return failRules == null ? CompletableFuture.completedFuture(1)
        : CompletableFuture.failedFuture(failRules);
  };
  private final ConfigApplier applier = new ConfigApplier(cameras, rules);
  private Exception failSwap;
  private final ConfigApplier.Mapping mapping = next -> {
    calls.add("swap mapping to " + next.rules().size() + " rule(s)");
    if (failSwap != null) {
      throw failSwap;
    }
    return new ConfigApplier.Remapped("subscribed to [vendor/+/x]",
        () -> calls.add("swap mapping back"));
  };
  private final ConfigApplier withMqtt = new ConfigApplier(cameras, rules, mapping);

  /** A mapping section as the judge gives it: parsed, with the tree it came from. */
  static ManagedConfig withMapping(ManagedConfig config, String topic) {
    Map<String, Object> tree = Map.of("credential_salt", "applier-salt", "rules",
        List.of(Map.of("name", "r", "topic", topic, "device_id", "{topic[1]}",
            "device_type", "meter", "readings", List.of(Map.of("metric", "e", "path", "$.e")))));
    org.gridguard.edge.config.ConfigProblems problems =
        new org.gridguard.edge.config.ConfigProblems();
    MappingConfig parsed = MappingConfig.from(org.gridguard.edge.config.ConfigNode.root(tree,
        problems));
    problems.throwIfAny("test mapping");
    return new ManagedConfig(config.video(), config.rules(), parsed, tree);
  }

  private static final RulesConfig DEFAULT_RULES = RulesConfig.defaults();

  private static ManagedConfig config(List<CameraConfig> cams, RulesConfig rules) {
    return new ManagedConfig(new CamerasConfig(cams, CamerasConfig.none().evidence()), rules);
  }

  private final ManagedConfig before = config(parse(camera("gate", "rtsp://a/1"),
      camera("yard", "rtsp://b/1"), camera("shop", "rtsp://c/1")), DEFAULT_RULES);

  @Test
  void apply_diff_stopsRemovedAndChangedThenStartsChangedAndAdded_unchangedUntouched()
      throws Exception {
    ManagedConfig after = config(parse(camera("gate", "rtsp://a/1"),
        camera("yard", "rtsp://b/2"), camera("bridge", "rtsp://d/1")), DEFAULT_RULES);

    ConfigApplier.Applied applied = applier.apply(before, after, "config push 2");

    assertThat(calls).containsExactly("stop shop", "stop yard", "start yard rtsp://b/2",
        "start bridge rtsp://d/1", "end alarms of stopped");
    assertThat(applied.rulesReloaded()).isFalse();
    assertThat(applied.alarmsEnded()).isEqualTo(2);
    assertThat(applied.describe()).isEqualTo("cameras started [bridge], stopped [shop], "
        + "restarted [yard], 1 unchanged; rules unchanged; mapping unchanged; 2 alarm(s) ended");
  }

  @Test
  void apply_rulesDiffer_reloadedAfterTheCameras() throws Exception {
    RulesConfig changed = RulesConfig.from(org.gridguard.edge.config.ConfigNode.root(
        Map.of("devices", Map.of("door-1", Map.of("door_held_open", "60s"))),
        new org.gridguard.edge.config.ConfigProblems()));

    ConfigApplier.Applied applied = applier.apply(before, config(before.cameras(), changed),
        "config push 3");

    assertThat(calls).containsExactly("reload rules (config push 3)", "end alarms of stopped");
    assertThat(applied.rulesReloaded()).isTrue();
    assertThat(applied.alarmsEnded()).isEqualTo(3);
  }

  @Test
  void apply_startFailsMidway_everyStepUndone_noAlarmEnded() {
    failStart = "bridge";
    ManagedConfig after = config(parse(camera("gate", "rtsp://a/1"),
        camera("yard", "rtsp://b/2"), camera("bridge", "rtsp://d/1")), DEFAULT_RULES);

    assertThatThrownBy(() -> applier.apply(before, after, "config push 2"))
        .isInstanceOf(ConfigApplier.ApplyFailedException.class)
        .hasMessageContaining("while starting camera bridge")
        .hasMessageContaining("no thread for bridge")
        .hasMessageContaining("rolled back, the previous configuration runs");
    assertThat(calls).containsExactly("stop shop", "stop yard", "start yard rtsp://b/2",
        "start bridge rtsp://d/1",
        // rollback: what started is stopped, what stopped starts again with its old settings
        "stop yard", "start yard rtsp://b/1", "start shop rtsp://c/1");
  }

  @Test
  void apply_rulesReloadFails_camerasRolledBack() {
    failRules = new IllegalStateException("rules thread gone");
    RulesConfig changed = RulesConfig.from(org.gridguard.edge.config.ConfigNode.root(
        Map.of("devices", Map.of("door-1", Map.of("door_held_open", "60s"))),
        new org.gridguard.edge.config.ConfigProblems()));
    ManagedConfig after = config(parse(camera("gate", "rtsp://a/1")), changed);

    assertThatThrownBy(() -> applier.apply(before, after, "config push 4"))
        .isInstanceOf(ConfigApplier.ApplyFailedException.class)
        .hasMessageContaining("while reloading the rules")
        .hasMessageContaining("rules thread gone");
    assertThat(calls).containsExactly("stop yard", "stop shop", "reload rules (config push 4)",
        "start shop rtsp://c/1", "start yard rtsp://b/1");
  }

  @Test
  void apply_mappingDiffers_swappedAfterTheCamerasBeforeTheRules() throws Exception {
    RulesConfig changed = RulesConfig.from(org.gridguard.edge.config.ConfigNode.root(
        Map.of("device_types", Map.of("meter", Map.of("expected_interval", "10m"))),
        new org.gridguard.edge.config.ConfigProblems()));
    ManagedConfig from = withMapping(before, "old/+/data");
    ManagedConfig to = withMapping(config(parse(camera("gate", "rtsp://a/1")), changed),
        "vendor/+/x");

    ConfigApplier.Applied applied = withMqtt.apply(from, to, "config push 5");

    assertThat(calls).containsExactly("stop yard", "stop shop", "swap mapping to 1 rule(s)",
        "reload rules (config push 5)", "end alarms of stopped");
    assertThat(applied.describe()).contains("rules reloaded; mapping swapped (subscribed to "
        + "[vendor/+/x]); 3 alarm(s) ended");
  }

  @Test
  void apply_sameMapping_notSwapped() throws Exception {
    ConfigApplier.Applied applied = withMqtt.apply(withMapping(before, "old/+/data"),
        withMapping(before, "old/+/data"), "config push 6");

    assertThat(calls).containsExactly("end alarms of stopped");
    assertThat(applied.mapping()).isNull();
  }

  @Test
  void apply_swapFails_camerasRolledBack_rulesNotTouched() {
    failSwap = new org.gridguard.edge.source.mqtt.SubscriptionFailedException(
        "the broker refused the subscription to [vendor/+/x]", null);
    ManagedConfig to = withMapping(config(parse(camera("gate", "rtsp://a/1")), DEFAULT_RULES),
        "vendor/+/x");

    assertThatThrownBy(() -> withMqtt.apply(withMapping(before, "old/+/data"), to, "push 7"))
        .isInstanceOf(ConfigApplier.ApplyFailedException.class)
        .hasMessage("applying failed while swapping the MQTT mapping: the broker refused the "
            + "subscription to [vendor/+/x]; rolled back, the previous configuration runs");
    assertThat(calls).containsExactly("stop yard", "stop shop", "swap mapping to 1 rule(s)",
        "start shop rtsp://c/1", "start yard rtsp://b/1");
  }

  @Test
  void apply_rulesReloadFailsAfterTheSwap_mappingSwappedBackThenCameras() {
    failRules = new IllegalStateException("rules thread gone");
    RulesConfig changed = RulesConfig.from(org.gridguard.edge.config.ConfigNode.root(
        Map.of("devices", Map.of("door-1", Map.of("door_held_open", "60s"))),
        new org.gridguard.edge.config.ConfigProblems()));
    ManagedConfig to = withMapping(config(before.cameras(), changed), "vendor/+/x");

    assertThatThrownBy(() -> withMqtt.apply(withMapping(before, "old/+/data"), to, "push 8"))
        .isInstanceOf(ConfigApplier.ApplyFailedException.class)
        .hasMessageContaining("while reloading the rules");
    assertThat(calls).containsExactly("swap mapping to 1 rule(s)", "reload rules (push 8)",
        "swap mapping back");
  }

  @Test
  void apply_mappingDiffersWithoutMqttSource_refusedBeforeAnyStep() {
    ManagedConfig to = withMapping(config(parse(camera("gate", "rtsp://a/1")), DEFAULT_RULES),
        "vendor/+/x");

    assertThatThrownBy(() -> applier.apply(before, to, "config push 9"))
        .isInstanceOf(ConfigApplier.ApplyFailedException.class)
        .hasMessageStartingWith("mapping: this agent runs no MQTT source (its local file had "
            + "no mqtt section at start)");
    assertThat(calls).isEmpty();
  }
}
