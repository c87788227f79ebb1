package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 writer against a scripted HTTP server: no InfluxDB 2.x is packaged for Debian 12, so
 * this checks the request we send and how answers map to outcomes, not a real server.
 */
class InfluxV2WriterTest {
  private final HttpServer server;
  private final AtomicReference<String> request = new AtomicReference<>();
  private volatile int status = 204;
  private volatile String body = "";
  private volatile String retryAfter;

  InfluxV2WriterTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v2/write", exchange -> {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String text = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new String(new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes(), StandardCharsets.UTF_8)
          : new String(raw, StandardCharsets.UTF_8);
      request.set(exchange.getRequestURI().getQuery() + "|"
          + exchange.getRequestHeaders().getFirst("Authorization") + "|" + text);
      if (retryAfter != null) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
      if (status != 204) {
        exchange.getResponseBody().write(answer);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private InfluxV2Writer writer() {
    return new InfluxV2Writer(new InfluxProperties(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), InfluxProperties.Api.V2,
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
    assertThat(request.get()).contains("org=village-org").contains("bucket=telemetry")
        .contains("precision=ms").contains("|Token tok3n|")
        .endsWith("m,a=b f=1 1\nm,a=b f=2 2\nm,a=c f=3 3");
  }

  @Test
  void write_400_rejectedWithServerMessage() {
    status = 400;
    body = "{\"code\":\"invalid\",\"message\":\"field type conflict: input field f is type string\"}";
    try (InfluxV2Writer writer = writer()) {
      WriteOutcome outcome = writer.write(List.of("m f=\"x\" 1"));
      assertThat(outcome).isInstanceOf(WriteOutcome.Rejected.class);
      assertThat(((WriteOutcome.Rejected) outcome).reason()).contains("field type conflict");
    }
  }

  @Test
  void write_429WithRetryAfter_retryHonoursIt() {
    status = 429;
    body = "{\"code\":\"too many requests\",\"message\":\"slow down\"}";
    retryAfter = "3";
    try (InfluxV2Writer writer = writer()) {
      WriteOutcome outcome = writer.write(List.of("m f=1 1"));
      assertThat(outcome).isInstanceOf(WriteOutcome.Retry.class);
      assertThat(((WriteOutcome.Retry) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void write_serverGone_retry() {
    InfluxV2Writer writer = writer();
    server.stop(0);
    assertThat(writer.write(List.of("m f=1 1"))).isInstanceOf(WriteOutcome.Retry.class);
    writer.close();
  }
}
