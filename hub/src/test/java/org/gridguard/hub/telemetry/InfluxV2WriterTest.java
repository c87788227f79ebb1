package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 writer against a scripted HTTP server: no InfluxDB 2.x is packaged for Debian 12, so
 * this checks the request we send and how answers map to outcomes, not a real server.
 */
class InfluxV2WriterTest {
  private final ScriptedHttpServer server = new ScriptedHttpServer();

  InfluxV2WriterTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private InfluxV2Writer writer() {
    return new InfluxV2Writer(new InfluxProperties(
        server.url(), InfluxProperties.Api.V2,
        "gridguard", "", "", "", "tok3n", "village-org", "telemetry", false, 5000,
        Duration.ofMillis(20), 100_000, 2, InfluxProperties.ContentEncoding.GZIP, Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(5)));
  }

  @Test
  void write_204_writtenWithOrgBucketMsPrecisionTokenAndGzipBody() {
    try (InfluxV2Writer writer = writer()) {
      assertThat(writer.write(List.of("m,a=b f=1 1\nm,a=b f=2 2", "m,a=c f=3 3")))
          .isInstanceOf(WriteOutcome.Written.class);
    }
    ScriptedHttpServer.Request request = server.last();
    assertThat(request.uri().getQuery()).contains("org=village-org").contains("bucket=telemetry")
        .contains("precision=ms");
    assertThat(request.authorization()).isEqualTo("Token tok3n");
    assertThat(request.contentEncoding()).isEqualTo("gzip");
    assertThat(request.body()).endsWith("m,a=b f=1 1\nm,a=b f=2 2\nm,a=c f=3 3");
  }

  @Test
  void write_400_rejectedWithServerMessage() {
    server.status = 400;
    server.body = "{\"code\":\"invalid\",\"message\":\"field type conflict: input field f is type string\"}";
    try (InfluxV2Writer writer = writer()) {
      WriteOutcome outcome = writer.write(List.of("m f=\"x\" 1"));
      assertThat(outcome).isInstanceOf(WriteOutcome.Rejected.class);
      assertThat(((WriteOutcome.Rejected) outcome).reason()).contains("field type conflict");
    }
  }

  @Test
  void write_429WithRetryAfter_retryHonoursIt() {
    server.status = 429;
    server.body = "{\"code\":\"too many requests\",\"message\":\"slow down\"}";
    server.retryAfter = "3";
    try (InfluxV2Writer writer = writer()) {
      WriteOutcome outcome = writer.write(List.of("m f=1 1"));
      assertThat(outcome).isInstanceOf(WriteOutcome.Retry.class);
      assertThat(((WriteOutcome.Retry) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void write_serverGone_retry() {
    InfluxV2Writer writer = writer();
    server.close();
    assertThat(writer.write(List.of("m f=1 1"))).isInstanceOf(WriteOutcome.Retry.class);
    writer.close();
  }
}
