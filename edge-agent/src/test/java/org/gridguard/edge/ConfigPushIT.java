package org.gridguard.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.RequestSnapshot;
import org.gridguard.testkit.FfmpegSource;
import org.gridguard.testkit.FfmpegStream;
import org.gridguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted hub manages a real agent (PROTOCOL.md §10): it pushes a camera fed by a real
 * ffmpeg stream, takes a snapshot, changes a rule (the camera keeps running), pushes an
 * invalid configuration (rejected with every problem, the old camera keeps running); then the
 * agent restarts while no hub is reachable and runs the last pushed camera and rules, and its
 * Hello reports that version once the hub is back.
 */
class ConfigPushIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @RegisterExtension
  static final FfmpegSource ffmpeg = new FfmpegSource();

  @TempDir Path dir;

  private String local(int hubPort) {
    return """
        gateway: {id: village-0421, credential: x}
        hub: {host: 127.0.0.1, port: %d, tls: {enabled: false}}
        spool: {directory: %s}
        uplink: {backoff_base: 100ms, backoff_max: 500ms}
        rules:
          tick: 100ms
          devices:
            door-local: {door_held_open: 30s}
        """.formatted(hubPort, dir.resolve("spool"));
  }

  private static String cameras(String url) {
    return """
        video:
          cameras:
            - id: cam-push
              url: %s
              analysis_fps: 2
              time_zone: UTC
              ffmpeg_options: {rtsp_flags: listen, listen_timeout: "2"}
        """.formatted(url);
  }

  private static ConfigPush push(long version, String yaml) {
    return ConfigPush.newBuilder().setConfigVersion(version).setContentType("application/yaml")
        .setDocument(ByteString.copyFromUtf8(yaml)).build();
  }

  private static CommandResult answer(TestHub hub, String id) {
    await(id).atMost(WAIT).until(() -> hub.result(id) != null);
    return hub.result(id);
  }

  private static long analysed(Agent agent) {
    String v = agent.metrics().snapshot().get("video.camera.frames_analysed[camera=cam-push]");
    return v == null ? -1 : (long) Double.parseDouble(v);
  }

  @Test
  void hubPushes_cameraAddedRuleChangedInvalidRefused_lastPushRunsAfterRestartWithoutHub()
      throws Exception {
    // the camera pushes RTSP to the agent's grabber in listen mode (ffmpeg has no RTSP server
    // for pull clients), as RtspVideoLossIT does; it keeps retrying while nobody listens
    Path clip = FfmpegSource.makeClip(dir, "testsrc2", 20, 640, 360, 25, "libx264");
    String url = "rtsp://127.0.0.1:" + FreePorts.pick() + "/cam";
    FfmpegStream camera = ffmpeg.pushRtsp(clip, URI.create(url));
    try (TestHub hub = new TestHub().start()) {
      try (Agent agent = Agent.start(StartupConfig.parse(local(hub.port()), "local.yml"))) {
        await("session").atMost(WAIT).until(() -> hub.openSessions() == 1);
        assertThat(hub.helloMessages().get(0).getConfigVersion()).as("local file only")
            .isZero();
        // a hub pushes only to sessions that listed command.v1 (PROTOCOL.md §10)
        assertThat(hub.helloMessages().get(0).getFeaturesList())
            .contains(org.gridguard.protocol.ProtocolFeatures.COMMAND_V1);

        // 1. add a camera (and the device rules)
        hub.send(push(1, cameras(url) + """
            rules:
              devices:
                door-east: {door_held_open: 60s}
            """));
        CommandResult first = answer(hub, "config:1");
        assertThat(first.getOk()).as(first.getMessage()).isTrue();
        assertThat(first.getMessage()).contains("cameras started [cam-push]")
            .contains("rules reloaded");
        await("frames of the pushed camera").atMost(WAIT).until(() -> analysed(agent) > 3);

        // 2. snapshot now, round trip to the hub's evidence
        hub.send(Command.newBuilder().setCommandId("snap-1").setRequestSnapshot(
            RequestSnapshot.newBuilder().setDeviceId("cam-push")).build());
        CommandResult snap = answer(hub, "snap-1");
        assertThat(snap.getOk()).as(snap.getMessage()).isTrue();
        String evidenceId = snap.getEvidenceIdsList().get(0);
        await("snapshot evidence at the hub").atMost(WAIT).until(() -> hub.storedEvidence()
            .stream().anyMatch(c -> c.getEvidenceId().equals(evidenceId)));
        EvidenceChunk chunk = hub.storedEvidence().stream()
            .filter(c -> c.getEvidenceId().equals(evidenceId)).findFirst().orElseThrow();
        assertThat(chunk.getDeviceId()).isEqualTo("cam-push");
        assertThat(chunk.getContentType()).isEqualTo("image/jpeg");
        hub.send(Command.newBuilder().setCommandId("snap-2").setRequestSnapshot(
            RequestSnapshot.newBuilder().setDeviceId("cam-nowhere")).build());
        CommandResult unknown = answer(hub, "snap-2");
        assertThat(unknown.getOk()).isFalse();
        assertThat(unknown.getMessage()).contains("camera cam-nowhere is not configured");

        // 3. change a rule: the camera is not touched
        long before = analysed(agent);
        hub.send(push(2, cameras(url) + """
            rules:
              devices:
                door-east: {door_held_open: 20s}
                WL-RIVER: {thresholds: [{metric: water_level, above: 0.6, type: WATER_LEVEL}]}
            """));
        CommandResult second = answer(hub, "config:2");
        assertThat(second.getOk()).as(second.getMessage()).isTrue();
        assertThat(second.getMessage()).contains("restarted [], 1 unchanged; rules reloaded");
        await("the unchanged camera goes on").atMost(WAIT)
            .until(() -> analysed(agent) > before + 2);

        // 4. an invalid push: every problem with its path, the old camera keeps running
        hub.send(push(3, """
            video:
              cameras:
                - {id: cam-push, url: "%s", analysis_fps: -2}
                - {id: cam-broken}
            rules:
              devices: {door-east: {door_held_open: later}}
            """.formatted(url)));
        CommandResult third = answer(hub, "config:3");
        assertThat(third.getOk()).isFalse();
        assertThat(third.getMessage().split("\n"))
            .anySatisfy(p -> assertThat(p).startsWith("video.cameras[0].analysis_fps"))
            .anySatisfy(p -> assertThat(p).startsWith("video.cameras[1].url"))
            .anySatisfy(p -> assertThat(p).startsWith("rules.devices.door-east.door_held_open"));
        long afterInvalid = analysed(agent);
        await("the old camera keeps running").atMost(WAIT)
            .until(() -> analysed(agent) > afterInvalid + 2);
        assertThat(agent.metrics().counterValue("config_push.applied")).isEqualTo(2);
        assertThat(agent.metrics().counterValue("config_push.rejected")).isEqualTo(1);
        assertThat(agent.metrics().gaugeValue("config_push.applied_version")).isEqualTo(2);
      }
      assertThat(Files.readString(dir.resolve("pushed-config.yml")))
          .contains("config_version: 2").contains("WL-RIVER");

      // 5. restart without a hub: the last pushed camera and rules run
      hub.stop();
      StartupConfig restarted = StartupConfig.parse(local(hub.port()), "local.yml");
      assertThat(restarted.pushVersion()).isEqualTo(2);
      assertThat(restarted.config().rules().devices()).containsOnlyKeys("door-east", "WL-RIVER");
      try (Agent agent = Agent.start(restarted)) {
        await("the pushed camera runs without the hub").atMost(WAIT)
            .until(() -> analysed(agent) > 2);
        assertThat(agent.uplink().connected()).isFalse();
        int hellosBefore = hub.helloMessages().size();
        hub.start();
        await("reconnected").atMost(WAIT).until(() -> hub.helloMessages().size() > hellosBefore);
        Hello hello = hub.helloMessages().get(hub.helloMessages().size() - 1);
        assertThat(hello.getConfigVersion()).isEqualTo(2);
        hub.send(push(2, cameras(url)));
        await("answer to the resent version 2").atMost(WAIT).until(() -> hub.results().stream()
            .filter(r -> r.getCommandId().equals("config:2")).count() == 2);
        CommandResult resent = hub.results().get(hub.results().size() - 1);
        assertThat(resent.getOk()).isTrue();
        assertThat(resent.getMessage()).contains("not newer than the running version 2");
      }
    }
  }
}
