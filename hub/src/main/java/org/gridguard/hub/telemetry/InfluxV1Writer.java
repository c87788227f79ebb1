package org.gridguard.hub.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * InfluxDB 1.x HTTP API ({@code POST /write?db=&precision=ms}, {@code /query}, {@code /ping}),
 * which is all InfluxDB 1.6/1.7 offer; 1.8+ and 2.x also accept it. Uses the JDK HTTP client:
 * influxdb-client-java speaks only the v2 API.
 */
public final class InfluxV1Writer implements TelemetryWriter {
  private final InfluxProperties config;
  private final HttpClient http;
  private final URI writeUri;
  private volatile String version = "?";

  public InfluxV1Writer(InfluxProperties config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1).build();
    StringBuilder q = new StringBuilder("write?precision=ms&db=").append(enc(config.database()));
    if (!config.retentionPolicy().isEmpty()) {
      q.append("&rp=").append(enc(config.retentionPolicy()));
    }
    this.writeUri = resolve(config.url(), q.toString());
  }

  @Override
  public void prepare() throws IOException, InterruptedException {
    String ping = ping();
    if (ping != null) {
      throw new IOException("InfluxDB at " + config.url() + " does not answer /ping: " + ping);
    }
    if (config.createDatabase()) {
      HttpResponse<String> response = http.send(
          authorize(HttpRequest.newBuilder(resolve(config.url(), "query")))
              .timeout(config.requestTimeout())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "q=" + enc("CREATE DATABASE \"" + config.database().replace("\"", "\\\"") + "\"")))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 || response.body().contains("\"error\"")) {
        throw new IOException("CREATE DATABASE " + config.database() + " failed: HTTP "
            + response.statusCode() + " " + response.body());
      }
    }
  }

  @Override
  public WriteOutcome write(List<String> chunks) {
    byte[] body;
    try {
      body = encode(chunks, config.gzip());
    } catch (IOException e) {
      throw new IllegalStateException("in-memory gzip failed", e);
    }
    HttpRequest.Builder request = authorize(HttpRequest.newBuilder(writeUri))
        .timeout(config.requestTimeout())
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (config.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new WriteOutcome.Retry("POST " + writeUri + ": " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WriteOutcome.Retry("interrupted", null);
    }
    return outcome(response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").orElse(null));
  }

  /** Maps an HTTP answer of {@code /write} to what the pipeline should do. */
  static WriteOutcome outcome(int status, String body, String retryAfter) {
    if (status / 100 == 2) {
      return WriteOutcome.WRITTEN;
    }
    String reason = "HTTP " + status + ": " + (body == null ? "" : body.strip());
    if (status == 400 || status == 413 || status == 422) {
      return new WriteOutcome.Rejected(status, reason);
    }
    return new WriteOutcome.Retry(reason, parseRetryAfter(retryAfter));
  }

  static Duration parseRetryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(Math.min(seconds, 3600)) : null;
    } catch (NumberFormatException e) {
      return null; // HTTP-date form: fall back to our own backoff
    }
  }

  @Override
  public String ping() {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(resolve(config.url(), "ping"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      response.headers().firstValue("X-Influxdb-Version").ifPresent(v -> version = v);
      return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public String describe() {
    return "InfluxDB " + version + " v1 API at " + config.url() + " db=" + config.database();
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
    if (!config.username().isEmpty()) {
      String basic = Base64.getEncoder().encodeToString(
          (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + basic);
    }
    return builder;
  }

  static byte[] encode(List<String> chunks, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    OutputStream out = gzip ? new FastGzip(bytes) : bytes;
    boolean first = true;
    for (String chunk : chunks) {
      if (!first) {
        out.write('\n');
      }
      out.write(chunk.getBytes(StandardCharsets.UTF_8));
      first = false;
    }
    out.write('\n');
    out.close();
    return bytes.toByteArray();
  }

  static URI resolve(URI base, String path) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s : s + "/") + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** gzip at the fastest level: the wire is loopback or LAN, the CPU is the scarce part. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
