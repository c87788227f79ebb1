package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gridguard.edge.detect.RecordingSpool;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each detector on a synthetic clip made by ffmpeg: it fires once, at the right time, ends
 * when the anomaly ends, and no other detector fires. Clips are analysed from file faster
 * than real time; times below are stream seconds.
 */
class VideoDetectorsIT {
  @TempDir
  static Path dir;

  static final int FPS = 25;

  @BeforeAll
  static void ffmpegPresent() {
    SyntheticVideo.binary();
  }

  @Test
  void covered_blackSegment_raisesCoveredOnceThenEnds() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "covered", 45, FPS, 640, 360, "0",
        "drawbox=x=0:y=0:w=iw:h=ih:c=black:t=fill:enable='between(t,15,30)'", "", List.of());

    RecordingSpool spool = VideoRun.analyse(List.of(VideoRun.fileCamera("cam-1", clip)), 120_000);

    assertSingle(spool, AlarmType.VIDEO_COVERED, 20, 33);
  }

  @Test
  void defocus_blurredSegment_raisesDefocusOnceThenEnds() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "blurred", 50, FPS, 640, 360, "0",
        "boxblur=8:2:enable='between(t,15,35)'", "", List.of());

    RecordingSpool spool = VideoRun.analyse(List.of(VideoRun.fileCamera("cam-1", clip)), 120_000);

    assertSingle(spool, AlarmType.VIDEO_DEFOCUS, 25, 38);
  }

  @Test
  void sceneChange_shiftedScene_raisesSceneChangeOnceThenEndsWhenBack() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "shifted", 50, FPS, 640, 360,
        "if(between(t,15,35),48,0)", "", "", List.of());

    RecordingSpool spool = VideoRun.analyse(List.of(VideoRun.fileCamera("cam-1", clip)), 120_000);

    assertSingle(spool, AlarmType.VIDEO_SCENE_CHANGE, 25, 38);
  }

  @Test
  void frozen_frozenSegment_raisesFrozenOnceThenEnds() throws Exception {
    // frames 375..750 (15 s to 30 s) all replaced by frame 375, noise included
    Path clip = SyntheticVideo.clip(dir, "frozen", 45, FPS, 640, 360, "0", "",
        "split[a][b];[a][b]freezeframes=first=375:last=750:replace=375", List.of());

    RecordingSpool spool = VideoRun.analyse(List.of(VideoRun.fileCamera("cam-1", clip)), 120_000);

    assertSingle(spool, AlarmType.VIDEO_FROZEN, 25, 33);
  }

  @Test
  void zoneMotion_objectEntersZone_raisesMotionOnceWithSnapshot() throws Exception {
    // A bright 48x96 "person" walks in from the left at t=15 s and leaves the picture at ~t=26 s.
    Path clip = SyntheticVideo.clip(dir, "motion", 40, FPS, 640, 360, "0",
        "null[s];color=c=white:s=48x96:r=25[p];[s][p]overlay=x='if(lt(t,15),-100,"
            + "(t-15)*60)':y=220:eval=frame:shortest=1",
        "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("zones", List.of(Map.of("name", "yard",
        "polygon", List.of(List.of(0.3, 0.5), List.of(0.7, 0.5), List.of(0.7, 1.0),
            List.of(0.3, 1.0)),
        "min_area", 0.02, "hold", "3s")));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    // enters the zone (x >= 0.3 * 640 - 48) at t ≈ 15 + 144/60 = 17.4 s; leaves at ≈ 22.5 s
    Alarm begin = assertSingle(spool, AlarmType.ZONE_MOTION, 18.4, 22.5 + 3);
    assertThat(begin.getZone()).isEqualTo("yard");
    assertThat(begin.getCategoryCode()).isEqualTo(9204);
    assertThat(begin.getPriority()).isEqualTo(2);
    assertThat(begin.getEvidenceIdsList()).hasSize(1);
    assertThat(spool.chunks()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.getEvidenceId()).isEqualTo(begin.getEvidenceIds(0));
      assertThat(c.getContentType()).isEqualTo("image/jpeg");
    });
    byte[] jpeg = reassemble(spool.chunks());
    BufferedImage snapshot = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(snapshot.getWidth()).as("full resolution, not the 320x180 analysis frame")
        .isEqualTo(640);
    assertThat(snapshot.getHeight()).isEqualTo(360);
    // the zone's top edge is drawn in red at y = 0.5 * 359
    int rgb = snapshot.getRGB(320, 180);
    assertThat((rgb >> 16) & 0xff).as("red channel on the zone outline").isGreaterThan(180);
    assertThat((rgb >> 8) & 0xff).as("green channel on the zone outline").isLessThan(90);
  }

  @Test
  void zoneMotion_outsideSchedule_raisesNothing() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "motion-night-only", 30, FPS, 640, 360, "0",
        "null[s];color=c=white:s=48x96:r=25[p];[s][p]overlay=x='if(lt(t,12),-100,"
            + "(t-12)*60)':y=220:eval=frame:shortest=1",
        "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    // the clip plays at 12:00 UTC; the zone is armed only at night
    cam.put("zones", List.of(Map.of("name", "yard", "schedule", "22:00-06:00",
        "polygon", List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.0, 1.0)))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    assertThat(spool.records()).as(spool.describe()).isEmpty();
  }

  @Test
  void zoneMotion_objectOnlyInMaskedPart_raisesNothing() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "motion-masked", 30, FPS, 640, 360, "0",
        "null[s];color=c=white:s=48x96:r=25[p];[s][p]overlay=x='if(lt(t,12),-100,"
            + "(t-12)*60)':y=220:eval=frame:shortest=1",
        "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    // zone = the whole picture, minus a mask over the band the object walks through
    cam.put("zones", List.of(Map.of("name", "yard",
        "polygon", List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.0, 1.0)),
        "masks", List.of(List.of(List.of(0.0, 0.55), List.of(1.0, 0.55), List.of(1.0, 0.95),
            List.of(0.0, 0.95))))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    assertThat(spool.records()).as(spool.describe()).isEmpty();
  }

  @Test
  void lightsOff_suddenDropToAThird_raisesNothing() throws Exception {
    // at t = 15 s the light falls to 35 % (lights switched off, IR takes over), back at 30 s;
    // sensor noise stays the same, so the dark picture is relatively noisier
    Path clip = SyntheticVideo.clip(dir, "lights-off", 45, FPS, 640, 360, "0",
        "lutyuv=y='val*0.35':u='128+(val-128)*0.35':v='128+(val-128)*0.35'"
            + ":enable='between(t,15,30)'", "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("zones", List.of(Map.of("name", "all",
        "polygon", List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.0, 1.0)))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    assertThat(spool.records()).as(spool.describe()).isEmpty();
  }

  @Test
  void covered_keyframesOnlyMode_stillRaisesCovered() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "covered-kf", 45, FPS, 640, 360, "0",
        "drawbox=x=0:y=0:w=iw:h=ih:c=black:t=fill:enable='between(t,15,30)'", "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("keyframes_only", true);

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    // one key frame per second: decisions come on whole seconds
    assertSingle(spool, AlarmType.VIDEO_COVERED, 20, 33);
  }

  @Test
  void zoneMotion_clipEnabled_spoolsSnapshotAndClipAroundTheAlarm() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "motion-clip", 30, FPS, 640, 360, "0",
        "null[s];color=c=white:s=48x96:r=25[p];[s][p]overlay=x='if(lt(t,12),-100,"
            + "(t-12)*60)':y=220:eval=frame:shortest=1",
        "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("clip", Map.of("enabled", true, "pre", "2s", "post", "2s"));
    cam.put("zones", List.of(Map.of("name", "yard",
        "polygon", List.of(List.of(0.3, 0.5), List.of(0.7, 0.5), List.of(0.7, 1.0),
            List.of(0.3, 1.0)))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    Alarm begin = spool.alarms().get(0);
    assertThat(begin.getType()).isEqualTo(AlarmType.ZONE_MOTION);
    assertThat(begin.getEvidenceIdsList()).hasSize(2);
    String clipId = begin.getEvidenceIds(1);
    List<EvidenceChunk> clipChunks = spool.chunks().stream()
        .filter(c -> c.getEvidenceId().equals(clipId)).toList();
    assertThat(clipChunks).isNotEmpty()
        .allSatisfy(c -> assertThat(c.getContentType()).isEqualTo("video/mp4"));
    Path mp4 = dir.resolve("evidence-clip.mp4");
    Files.write(mp4, reassemble(clipChunks));
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames",
        "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames,width,height",
        "-of", "csv=p=0", mp4.toString()).redirectErrorStream(true).start();
    String out = new String(probe.getInputStream().readAllBytes()).trim();
    assertThat(probe.waitFor()).as(out).isZero();
    String[] f = out.split(",");
    assertThat(f[0]).isEqualTo("320");
    assertThat(f[1]).isEqualTo("180");
    assertThat(Integer.parseInt(f[2])).as("2 s before + 2 s after at 5 fps").isBetween(18, 23);
  }

  @Test
  void zoneMotion_cameraSendsAnalysisSize_snapshotAtThatSize() throws Exception {
    Path clip = SyntheticVideo.clip(dir, "motion-small", 30, FPS, 320, 180, "0",
        "null[s];color=c=white:s=24x48:r=25[p];[s][p]overlay=x='if(lt(t,12),-50,"
            + "(t-12)*30)':y=110:eval=frame:shortest=1",
        "", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("zones", List.of(Map.of("name", "yard",
        "polygon", List.of(List.of(0.3, 0.5), List.of(0.7, 0.5), List.of(0.7, 1.0),
            List.of(0.3, 1.0)))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 120_000);

    assertThat(spool.alarms()).as(spool.describe()).isNotEmpty();
    assertThat(spool.alarms().get(0).getType()).isEqualTo(AlarmType.ZONE_MOTION);
    BufferedImage snapshot = ImageIO.read(new ByteArrayInputStream(reassemble(spool.chunks())));
    assertThat(snapshot.getWidth()).isEqualTo(320);
    assertThat(snapshot.getHeight()).isEqualTo(180);
  }

  static byte[] reassemble(List<EvidenceChunk> chunks) throws Exception {
    EvidenceChunk first = chunks.get(0);
    assertThat(chunks).hasSize(first.getCount());
    byte[] item = new byte[(int) first.getTotalSize()];
    for (EvidenceChunk c : chunks) {
      c.getData().copyTo(item, (int) c.getOffset());
    }
    assertThat(MessageDigest.getInstance("SHA-256").digest(item))
        .isEqualTo(first.getSha256().toByteArray());
    return item;
  }

  /**
   * Exactly one alarm of {@code type} (BEGIN near {@code beginAt}, END near {@code endAt}, both
   * ±2 s) and nothing else.
   */
  static Alarm assertSingle(RecordingSpool spool, AlarmType type, double beginAt, double endAt) {
    List<Record> records = spool.records();
    assertThat(records).as("alarms: %s", spool.describe()).hasSize(2);
    Record begin = records.get(0);
    Record end = records.get(1);
    assertThat(begin.getAlarm().getType()).as(spool.describe()).isEqualTo(type);
    assertThat(begin.getAlarm().getPhase()).isEqualTo(AlarmPhase.BEGIN);
    assertThat(end.getAlarm().getType()).isEqualTo(type);
    assertThat(end.getAlarm().getPhase()).isEqualTo(AlarmPhase.END);
    assertThat(end.getAlarm().getAlarmId()).isEqualTo(begin.getAlarm().getAlarmId());
    assertThat(VideoRun.at(begin.getCaptureTimeMs())).as(spool.describe())
        .isCloseTo(beginAt, within(2.0));
    assertThat(VideoRun.at(end.getCaptureTimeMs())).as(spool.describe())
        .isCloseTo(endAt, within(2.0));
    assertThat(begin.getDeviceId()).isEqualTo("cam-1");
    return begin.getAlarm();
  }
}
