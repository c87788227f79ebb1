package org.gridguard.edge.managed;

import java.nio.file.Path;
import java.util.Map;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.rules.RuleEngine;
import org.gridguard.edge.source.mqtt.MqttSource;
import org.gridguard.edge.uplink.HubRequests;
import org.gridguard.edge.video.VideoAnalysis;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;

/**
 * The agent as the hub manages it: config pushes applied live to its cameras, MQTT mapping and
 * rules, and the hub's commands. The uplink calls it off the event loop ({@link HubRequests}).
 *
 * <p>Metrics: {@code config_push.received}, {@code .applied}, {@code .rejected} (invalid:
 * problems listed), {@code .failed} (valid but applying failed, rolled back), {@code .ignored}
 * (not newer), {@code .save_failures}, {@code .applied_version} (gauge; 0 = local file only);
 * {@code mapping.reloads} by {@code trigger} (push, command) and {@code outcome} (applied,
 * unchanged, rejected, failed); {@code commands.snapshots}, {@code commands.reload_mapping},
 * {@code commands.failed}.
 */
public final class ManagedAgent implements HubRequests {
  private final ConfigPushService pushes;
  private final HubCommands commands;

  private ManagedAgent(ConfigPushService pushes, HubCommands commands) {
    this.pushes = pushes;
    this.commands = commands;
  }

  /** What the agent was started with. */
  public record Start(Object localTree, Map<String, Object> pushed, ManagedConfig running,
      long version, Path localFile) {
    /**
     * @param localTree the local configuration file as parsed at start
     * @param pushed the managed keys of the persisted push merged over it, empty for none
     * @param running the managed part of the configuration judged from both
     * @param version the push version that configuration contains, 0 for none
     * @param localFile the file {@code reload_mapping} re-reads; {@code null} for none
     */
    public Start {
      pushed = Map.copyOf(pushed);
    }
  }

  /** @param mqtt {@code null} when the agent runs no MQTT source */
  public static ManagedAgent create(Start start, ConfigJudge judge, VideoAnalysis video,
      RuleEngine rules, MqttSource mqtt, PushedConfigFile file, Metrics metrics) {
    ConfigApplier.Cameras cameras = new ConfigApplier.Cameras() {
      @Override
      public void start(CameraConfig camera) {
        video.startCamera(camera);
      }

      @Override
      public void stop(String id) {
        video.stopCamera(id);
      }

      @Override
      public int endAlarmsOfStopped() {
        return video.endAlarmsOfStoppedCameras();
      }
    };
    ConfigApplier applier = new ConfigApplier(cameras, rules::reload,
        mqtt == null ? null : mapping(mqtt));
    ConfigPushService pushes = new ConfigPushService(new ConfigPushService.State(
        start.localTree(), start.pushed(), start.running()), start.version(), judge, applier,
        file, metrics, start.localFile());
    return new ManagedAgent(pushes,
        new HubCommands(video::snapshotNow, pushes::reloadMapping, metrics));
  }

  /** The MQTT source's mapping as the applier swaps it; the undo puts the very same mapper back. */
  private static ConfigApplier.Mapping mapping(MqttSource mqtt) {
    return (MappingConfig next) -> {
      PayloadMapper previous = mqtt.mapper();
      String change = mqtt.remap(previous.next(next));
      return new ConfigApplier.Remapped(next.rules().size() + " rule(s), " + change,
          () -> mqtt.remap(previous));
    };
  }

  @Override
  public CommandResult configPush(ConfigPush push) {
    return pushes.push(push);
  }

  @Override
  public CommandResult command(Command command) {
    return commands.run(command);
  }

  @Override
  public long configVersion() {
    return pushes.version();
  }
}
