package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraStreamTest {
  @Test
  void redactedUrl_passwordInUrl_isHidden() {
    CameraStream s = new CameraStream("rtsp://admin:s3cret@192.168.1.64:554/ch1", null, null);
    assertThat(s.redactedUrl()).isEqualTo("rtsp://admin:***@192.168.1.64:554/ch1");
    assertThat(s.toString()).doesNotContain("s3cret");
  }

  @Test
  void redactedUrl_separateCredentials_areInTheEffectiveUrlOnly() {
    CameraStream s = new CameraStream("rtsp://192.168.1.64/ch1", "admin", "p@ss:zq9");
    assertThat(s.effectiveUrl()).isEqualTo("rtsp://admin:p%40ss:zq9@192.168.1.64/ch1");
    assertThat(s.redactedUrl()).isEqualTo("rtsp://admin:***@192.168.1.64/ch1");
    assertThat(s.toString()).doesNotContain("p@ss").doesNotContain("zq9");
  }

  @Test
  void redact_noCredentials_unchanged() {
    assertThat(CameraStream.redact("http://cam/mjpeg")).isEqualTo("http://cam/mjpeg");
  }

  @Test
  void new_fileScheme_isRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> new CameraStream("file://u:hunter2@x/clip.mp4", null, null))
        .hasMessageStartingWith("stream.url: must be rtsp://")
        .hasMessageNotContaining("hunter2");
  }
}
