package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigPusherTest {
  @Test
  void redactUserInfo_streamUrlInProblem_passwordReplaced() {
    assertThat(ConfigPusher.redactUserInfo("video.cameras[0].url: rtsp://admin:s3cr:t@10.0.0.5:554/"
        + "ch1 unreachable\nrules.devices.x: bad"))
        .isEqualTo("video.cameras[0].url: rtsp://admin:***@10.0.0.5:554/ch1 unreachable\n"
            + "rules.devices.x: bad");
  }

  @Test
  void redactUserInfo_noCredentials_unchanged() {
    assertThat(ConfigPusher.redactUserInfo("video.cameras[0].url: rtsp://10.0.0.5/ch1 bad"))
        .isEqualTo("video.cameras[0].url: rtsp://10.0.0.5/ch1 bad");
    assertThat(ConfigPusher.redactUserInfo(null)).isNull();
  }
}
