package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MissingServiceTest {
  private static final Path NOWHERE = Path.of("/nonexistent/gridguard");

  @Test
  void start_influxdMissing_failsNamingPackage() {
    assertThatThrownBy(() -> new InfluxDbServer(NOWHERE.resolve("influxd")).start())
        .isInstanceOf(MissingServiceException.class)
        .hasMessage("influxd not found at /nonexistent/gridguard/influxd: install the Debian "
            + "package 'influxdb' (apt-get install -y influxdb), or run deploy/test.sh which "
            + "does it");
  }

  @Test
  void start_mosquittoMissing_failsNamingPackage() {
    assertThatThrownBy(() -> new MosquittoBroker(NOWHERE.resolve("mosquitto")).start())
        .isInstanceOf(MissingServiceException.class)
        .hasMessageContaining("'mosquitto'")
        .hasMessageContaining("apt-get install -y mosquitto");
  }

  @Test
  void start_postgresMissing_failsNamingPackage() {
    assertThatThrownBy(() -> new PostgresServer(NOWHERE).start())
        .isInstanceOf(MissingServiceException.class)
        .hasMessageStartingWith("PostgreSQL server not found at /nonexistent/gridguard/")
        .hasMessageContaining("apt-get install -y postgresql");
  }

  @Test
  void start_ffmpegMissing_failsNamingPackage() {
    assertThatThrownBy(() -> new FfmpegSource(NOWHERE.resolve("ffmpeg")).start())
        .isInstanceOf(MissingServiceException.class)
        .hasMessageContaining("apt-get install -y ffmpeg");
  }

  @Test
  void makeClip_ffmpegMissing_failsNamingPackage() {
    assertThatThrownBy(() -> new ClipMaker(NOWHERE.resolve("ffmpeg"))
        .make(Path.of("/tmp"), "testsrc2", 1, 64, 48, 5, "mpeg4"))
        .isInstanceOf(MissingServiceException.class)
        .hasMessageContaining("'ffmpeg'");
  }

  @Test
  void start_binaryMissing_noTempDirLeftBehind() {
    InfluxDbServer influx = new InfluxDbServer(NOWHERE.resolve("influxd"));

    assertThatThrownBy(influx::start).isInstanceOf(MissingServiceException.class);

    assertThatThrownBy(influx::directory).hasMessage("influxd has not been started");
  }
}
