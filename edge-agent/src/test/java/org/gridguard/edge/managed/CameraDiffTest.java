package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridguard.edge.managed.Cameras.camera;
import static org.gridguard.edge.managed.Cameras.parse;
import static org.gridguard.edge.managed.Cameras.withZone;

import org.junit.jupiter.api.Test;

/** Which cameras a new list starts, stops, restarts and leaves running. */
class CameraDiffTest {
  @Test
  void between_addRemoveChangeKeep_eachByItsId() {
    var running = parse(camera("gate", "rtsp://10.0.0.2/s"), camera("yard", "rtsp://10.0.0.3/s"),
        camera("shop", "rtsp://10.0.0.4/s"));
    var wanted = parse(camera("gate", "rtsp://10.0.0.2/s"), camera("yard", "rtsp://10.0.0.33/s"),
        camera("bridge", "rtsp://10.0.0.5/s"));

    CameraDiff diff = CameraDiff.between(running, wanted);

    assertThat(CameraDiff.ids(diff.added())).containsExactly("bridge");
    assertThat(CameraDiff.ids(diff.removed())).containsExactly("shop");
    assertThat(CameraDiff.ids(diff.changed())).containsExactly("yard");
    assertThat(diff.unchanged()).containsExactly("gate");
    assertThat(diff.changed().get(0).stream().url()).isEqualTo("rtsp://10.0.0.33/s");
  }

  @Test
  void between_sameZonesParsedAgain_unchanged() {
    var running = parse(withZone(camera("gate", "rtsp://10.0.0.2/s"), 0.5));
    var wanted = parse(withZone(camera("gate", "rtsp://10.0.0.2/s"), 0.5));

    CameraDiff diff = CameraDiff.between(running, wanted);

    assertThat(diff.unchanged()).containsExactly("gate");
    assertThat(diff.camerasChange()).isFalse();
  }

  @Test
  void between_zoneMoved_restarted() {
    var running = parse(withZone(camera("gate", "rtsp://10.0.0.2/s"), 0.5));
    var wanted = parse(withZone(camera("gate", "rtsp://10.0.0.2/s"), 0.6));

    assertThat(CameraDiff.ids(CameraDiff.between(running, wanted).changed()))
        .containsExactly("gate");
  }
}
