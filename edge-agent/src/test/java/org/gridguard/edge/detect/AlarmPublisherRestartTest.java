package org.gridguard.edge.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.alarm.OpenAlarmsFile;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.video.CamerasConfig;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera alarms open at a restart get their END afterwards, with the same id. */
class AlarmPublisherRestartTest {
  private static final long T0 = 1_763_701_000_000L;
  @TempDir Path dir;

  private static CameraConfig camera(String id) {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(Map.of("cameras",
        List.of(Map.of("id", id, "url", "rtsp://10.0.0.2/s1", "snapshots", false))), problems));
    problems.throwIfAny("test");
    return config.cameras().get(0);
  }

  private OpenAlarmBook book() {
    return new OpenAlarmBook(new OpenAlarmsFile(dir.resolve("video-open-alarms.json")), 32);
  }

  private static AlarmPublisher publisher(CameraConfig cam, RecordingSpool spool,
      OpenAlarmBook book, long startMs) {
    return new AlarmPublisher(cam, spool, "boot", null, r -> false, t -> null, null, book,
        startMs);
  }

  private static DetectorEvent covered(AlarmPhase phase, long since, long at) {
    return new DetectorEvent(AlarmType.VIDEO_COVERED, phase, "", since, at, "lens covered",
        Map.of());
  }

  private Alarm beginBeforeRestart(CameraConfig cam) {
    RecordingSpool before = new RecordingSpool();
    publisher(cam, before, book(), T0).publish(covered(AlarmPhase.BEGIN, T0, T0 + 5_000));
    return before.alarms().get(0);
  }

  @Test
  void restart_detectorConfirms_alarmGoesOnAndEndsWithTheSameId() {
    CameraConfig cam = camera("gate");
    Alarm begin = beginBeforeRestart(cam);

    RecordingSpool after = new RecordingSpool();
    AlarmPublisher restarted = publisher(cam, after, book(), T0 + 60_000);
    restarted.publish(covered(AlarmPhase.BEGIN, T0 + 60_000, T0 + 75_000));
    restarted.endUnconfirmed(T0 + 60_000 + AlarmPublisher.confirmWindowMs(cam) + 1, false);
    restarted.publish(covered(AlarmPhase.END, T0 + 60_000, T0 + 90_000));

    assertThat(after.alarms()).as(after.describe()).singleElement().satisfies(end -> {
      assertThat(end.getPhase()).isEqualTo(AlarmPhase.END);
      assertThat(end.getAlarmId()).isEqualTo(begin.getAlarmId());
      assertThat(end.getBeginTimeMs()).isEqualTo(T0);
      assertThat(end.getEndTimeMs()).isEqualTo(T0 + 90_000);
    });
    assertThat(book().size()).isZero();
  }

  @Test
  void restart_notConfirmedWithinTheWindow_endedWithTheSameId() {
    CameraConfig cam = camera("gate");
    Alarm begin = beginBeforeRestart(cam);
    long start = T0 + 60_000;
    long window = AlarmPublisher.confirmWindowMs(cam);

    RecordingSpool after = new RecordingSpool();
    AlarmPublisher restarted = publisher(cam, after, book(), start);
    restarted.endUnconfirmed(start + window - 1, false);
    assertThat(after.alarms()).isEmpty();
    restarted.endUnconfirmed(start + window, false);

    assertThat(after.alarms()).singleElement().satisfies(end -> {
      assertThat(end.getPhase()).isEqualTo(AlarmPhase.END);
      assertThat(end.getAlarmId()).isEqualTo(begin.getAlarmId());
      assertThat(end.getType()).isEqualTo(AlarmType.VIDEO_COVERED);
      assertThat(end.getRule()).isEqualTo("video.covered");
      assertThat(end.getDetail()).contains("after the edge agent restarted");
    });
    assertThat(book().size()).isZero();
  }

  @Test
  void restart_cameraRemovedFromConfig_endedAtOnce() {
    Alarm begin = beginBeforeRestart(camera("old-cam"));

    RecordingSpool after = new RecordingSpool();
    OpenAlarmBook book = book();
    int ended = AlarmPublisher.endOrphans(book, java.util.Set.of("gate"), after, "boot",
        T0 + 60_000);

    assertThat(ended).isEqualTo(1);
    assertThat(after.alarms()).singleElement().satisfies(end -> {
      assertThat(end.getAlarmId()).isEqualTo(begin.getAlarmId());
      assertThat(end.getPhase()).isEqualTo(AlarmPhase.END);
      assertThat(end.getDetail()).contains("no longer configured");
    });
    assertThat(after.records().get(0).getDeviceId()).isEqualTo("old-cam");
    assertThat(book().size()).isZero();
  }
}
