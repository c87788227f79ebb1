package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class InfluxV1WriterTest {
  @Test
  void outcome_2xx_written() {
    assertThat(InfluxV1Writer.outcome(204, "", null)).isInstanceOf(WriteOutcome.Written.class);
  }

  @Test
  void outcome_400and422_rejectedWithServerReason() {
    WriteOutcome outcome = InfluxV1Writer.outcome(400, "{\"error\":\"field type conflict\"}", null);
    assertThat(outcome).isInstanceOf(WriteOutcome.Rejected.class);
    assertThat(((WriteOutcome.Rejected) outcome).reason()).contains("field type conflict");
    assertThat(InfluxV1Writer.outcome(422, "", null)).isInstanceOf(WriteOutcome.Rejected.class);
  }

  @Test
  void outcome_429with_retryAfterSeconds_retryHonoursIt() {
    WriteOutcome outcome = InfluxV1Writer.outcome(429, "slow down", "7");
    assertThat(outcome).isEqualTo(new WriteOutcome.Retry("HTTP 429: slow down", Duration.ofSeconds(7)));
  }

  @Test
  void outcome_5xxAndAuthAndNotFound_retried() {
    for (int status : new int[] {500, 503, 401, 403, 404}) {
      assertThat(InfluxV1Writer.outcome(status, "", null)).isInstanceOf(WriteOutcome.Retry.class);
    }
  }

  @Test
  void parseRetryAfter_httpDateOrGarbage_null() {
    assertThat(InfluxV1Writer.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(InfluxV1Writer.parseRetryAfter("-3")).isNull();
    assertThat(InfluxV1Writer.parseRetryAfter(null)).isNull();
  }

  @Test
  void encode_gzip_linesJoinedByNewline() throws Exception {
    byte[] body = InfluxV1Writer.encode(List.of("a x=1 1\nb x=2 2", "c x=3 3"), true);
    String text = new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("a x=1 1\nb x=2 2\nc x=3 3\n");
  }

  @Test
  void fromVersion_1xIsV1_othersV2() {
    assertThat(TelemetryConfiguration.fromVersion("1.6.7")).isEqualTo(InfluxProperties.Api.V1);
    assertThat(TelemetryConfiguration.fromVersion("v2.7.1")).isEqualTo(InfluxProperties.Api.V2);
    assertThat(TelemetryConfiguration.fromVersion("2.7.1")).isEqualTo(InfluxProperties.Api.V2);
  }
}
