package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.gridguard.hub.telemetry.InfluxProperties.ContentEncoding;
import org.junit.jupiter.api.Test;

class InfluxPropertiesTest {

  private static InfluxProperties at(String url, ContentEncoding encoding) {
    return new InfluxProperties(URI.create(url), InfluxProperties.Api.V1, "db", "", "", "", "",
        "", "", false, 5000, Duration.ofMillis(20), 100_000, 2, encoding, Duration.ofMillis(100),
        Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  @Test
  void gzip_autoOnLoopback_identity() {
    assertThat(at("http://127.0.0.1:8086", ContentEncoding.AUTO).gzip()).isFalse();
    assertThat(at("http://127.1.2.3:8086", ContentEncoding.AUTO).gzip()).isFalse();
    assertThat(at("http://localhost:8086", ContentEncoding.AUTO).gzip()).isFalse();
    assertThat(at("http://[::1]:8086", ContentEncoding.AUTO).gzip()).isFalse();
  }

  @Test
  void gzip_autoOnOtherHosts_gzip() {
    assertThat(at("http://10.0.0.5:8086", ContentEncoding.AUTO).gzip()).isTrue();
    assertThat(at("https://influx.village.example:8086", ContentEncoding.AUTO).gzip()).isTrue();
    assertThat(at("http://[fd00::1]:8086", ContentEncoding.AUTO).gzip()).isTrue();
    // a name that only looks like loopback is not trusted to be one
    assertThat(at("http://127.example.org:8086", ContentEncoding.AUTO).gzip()).isTrue();
  }

  @Test
  void gzip_explicitSetting_wins() {
    assertThat(at("http://127.0.0.1:8086", ContentEncoding.GZIP).gzip()).isTrue();
    assertThat(at("http://10.0.0.5:8086", ContentEncoding.IDENTITY).gzip()).isFalse();
  }
}
