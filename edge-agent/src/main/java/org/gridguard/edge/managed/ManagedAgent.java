package org.gridguard.edge.managed;

import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.rules.RuleEngine;
import org.gridguard.edge.uplink.HubRequests;
import org.gridguard.edge.video.VideoAnalysis;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;

/**
 * The agent as the hub manages it: config pushes applied live to its cameras and rules, and
 * the hub's commands. The uplink calls it off the event loop ({@link HubRequests}).
 *
 * <p>Metrics: {@code config_push.received}, {@code .applied}, {@code .rejected} (invalid:
 * problems listed), {@code .failed} (valid but applying failed, rolled back), {@code .ignored}
 * (not newer), {@code .save_failures}, {@code .applied_version} (gauge; 0 = local file only);
 * {@code commands.snapshots}, {@code commands.failed}.
 */
public final class ManagedAgent implements HubRequests {
  private final ConfigPushService pushes;
  private final HubCommands commands;

  private ManagedAgent(ConfigPushService pushes, HubCommands commands) {
    this.pushes = pushes;
    this.commands = commands;
  }

  /**
   * @param localTree the local configuration file as parsed at start
   * @param running the managed part of the configuration the agent was started with
   * @param version the push version that configuration contains, 0 for none
   */
  public static ManagedAgent create(Object localTree, ManagedConfig running, long version,
      ConfigJudge judge, VideoAnalysis video, RuleEngine rules, PushedConfigFile file,
      Metrics metrics) {
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
    ConfigApplier applier = new ConfigApplier(cameras, rules::reload);
    return new ManagedAgent(
        new ConfigPushService(localTree, running, version, judge, applier, file, metrics),
        new HubCommands(video::snapshotNow, metrics));
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
