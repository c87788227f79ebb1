package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gridguard.hub.telemetry.InfluxProperties.ContentEncoding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the v1 writer sends and how it reads answers, against a scripted HTTP server (the real
 * influxd runs in the {@code *IT} tests): headers per content encoding, basic auth, bounded error
 * bodies, Retry-After, unreachable server, and abort of a request in flight.
 */
class InfluxV1WriterHttpTest {
  private final ScriptedHttpServer server = new ScriptedHttpServer();

  InfluxV1WriterHttpTest() throws IOException {}

  @AfterEach
  void stop() {
    server.close();
  }

  private InfluxV1Writer writer(ContentEncoding encoding, String user, String password) {
    return writer(server.url(), encoding, user, password, Duration.ofSeconds(5));
  }

  private static InfluxV1Writer writer(URI url, ContentEncoding encoding, String user,
      String password, Duration timeout) {
    return new InfluxV1Writer(new InfluxProperties(url, InfluxProperties.Api.V1, "village db",
        "one_year", user, password, "", "", "", true, 5000, Duration.ofMillis(20), 100_000, 2,
        encoding, Duration.ofMillis(100), Duration.ofSeconds(1), timeout));
  }

  @Test
  void write_gzip_compressedBodyWithHeaderDatabaseAndRetention() {
    WriteOutcome outcome = writer(ContentEncoding.GZIP, "", "")
        .write(List.of("m,a=b f=1 1\nm,a=b f=2 2", "m,a=c f=3 3"));
    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.last()).isEqualTo(new ScriptedHttpServer.Request("POST",
        URI.create("/write?precision=ms&db=village+db&rp=one_year"), "gzip", null,
        "m,a=b f=1 1\nm,a=b f=2 2\nm,a=c f=3 3\n"));
  }

  @Test
  void write_autoOnLoopback_uncompressed() {
    assertThat(writer(ContentEncoding.AUTO, "", "").write(List.of("m f=1 1")))
        .isInstanceOf(WriteOutcome.Written.class);
    assertThat(server.last().contentEncoding()).isNull();
    assertThat(server.last().body()).isEqualTo("m f=1 1\n");
  }

  @Test
  void write_withUser_basicAuthorization() {
    writer(ContentEncoding.IDENTITY, "edge", "s3cret").write(List.of("m f=1 1"));
    assertThat(server.last().authorization()).isEqualTo("Basic ZWRnZTpzM2NyZXQ="); // edge:s3cret
  }

  @Test
  void write_400_rejectedWithServerReason() {
    server.status = 400;
    server.body = "{\"error\":\"partial write: field type conflict\"}";
    WriteOutcome outcome = writer(ContentEncoding.IDENTITY, "", "").write(List.of("m f=1 1"));
    assertThat(outcome).isInstanceOf(WriteOutcome.Rejected.class);
    assertThat(((WriteOutcome.Rejected) outcome).reason()).contains("field type conflict");
  }

  @Test
  void write_hugeErrorBody_reasonBounded() {
    server.status = 500;
    server.body = "x".repeat(1_000_000);
    WriteOutcome outcome = writer(ContentEncoding.IDENTITY, "", "").write(List.of("m f=1 1"));
    assertThat(outcome).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(((WriteOutcome.Retry) outcome).reason().length())
        .isLessThanOrEqualTo((int) InfluxV1Writer.MAX_ERROR_BODY + 20);
  }

  @Test
  void write_503WithRetryAfter_retryHonoursIt() {
    server.status = 503;
    server.retryAfter = "12";
    WriteOutcome outcome = writer(ContentEncoding.IDENTITY, "", "").write(List.of("m f=1 1"));
    assertThat(outcome).isEqualTo(new WriteOutcome.Retry("HTTP 503: ", Duration.ofSeconds(12)));
  }

  @Test
  void write_nobodyListening_retryNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WriteOutcome outcome = writer(URI.create("http://127.0.0.1:" + port), ContentEncoding.IDENTITY,
        "", "", Duration.ofSeconds(2)).write(List.of("m f=1 1"));
    assertThat(outcome).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(((WriteOutcome.Retry) outcome).reason()).contains("127.0.0.1:" + port + "/write");
  }

  @Test
  void abort_requestInFlight_endsItAsRetryAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) { // accepts, never answers
      InfluxV1Writer writer = writer(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
          ContentEncoding.IDENTITY, "", "", Duration.ofSeconds(60));
      AtomicReference<WriteOutcome> outcome = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Thread t = new Thread(() -> {
        outcome.set(writer.write(List.of("m f=1 1")));
        done.countDown();
      });
      t.start();
      try (Socket accepted = silent.accept()) {
        // the request has arrived and waits for an answer
        org.awaitility.Awaitility.await("request written").atMost(java.time.Duration.ofSeconds(5))
            .until(() -> accepted.getInputStream().available() > 0);
        writer.abort();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(outcome.get()).isInstanceOf(WriteOutcome.Retry.class);
    }
  }

  @Test
  void prepare_createsDatabaseAndLearnsVersion() throws Exception {
    InfluxV1Writer writer = writer(ContentEncoding.IDENTITY, "", "");
    server.status = 200;
    server.body = "{\"results\":[{\"statement_id\":0}]}";
    writer.prepare();
    assertThat(server.last().method() + " " + server.last().uri()).isEqualTo("POST /query");
    assertThat(URLDecoder.decode(server.last().body(), StandardCharsets.UTF_8))
        .isEqualTo("q=CREATE DATABASE \"village db\"");
    assertThat(writer.describe()).contains("1.6.7~test").contains("uncompressed");
  }

  @Test
  void prepare_queryError_throwsWithServerAnswer() {
    server.status = 200;
    server.body = "{\"results\":[{\"error\":\"database name required\"}]}";
    assertThatThrownBy(() -> writer(ContentEncoding.IDENTITY, "", "").prepare())
        .hasMessageContaining("CREATE DATABASE village db failed")
        .hasMessageContaining("database name required");
  }
}
