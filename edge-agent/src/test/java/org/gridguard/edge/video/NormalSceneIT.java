package org.gridguard.edge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.detect.RecordingSpool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten minutes of a normal scene in which the light slowly rises from a quarter to full (dusk
 * to day, or lights being dimmed up), analysed from file faster than real time: no detector may
 * fire, including zone motion on a zone covering the whole picture.
 */
class NormalSceneIT {
  @TempDir
  static Path dir;

  @Test
  void tenMinutes_slowDarkToLightFade_raisesNothing() throws Exception {
    // fade in from black over 800 s, keep the last 600 s: brightness x0.25 -> x1.0
    Path clip = SyntheticVideo.clip(dir, "fade", 800, 10, 384, 216, "0",
        "fade=t=in:st=0:d=800", "trim=start=200,setpts=PTS-STARTPTS", List.of());
    Map<String, Object> cam = VideoRun.fileCamera("cam-1", clip);
    cam.put("zones", List.of(Map.of("name", "all",
        "polygon", List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.0, 1.0)))));

    RecordingSpool spool = VideoRun.analyse(List.of(cam), 600_000);

    assertThat(spool.records()).as(spool.describe()).isEmpty();
  }
}
