package org.gridguard.hub.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.gridguard.protocol.net.NoDelaySocketFactory;

/**
 * InfluxDB 1.x HTTP API ({@code POST /write?db=&precision=ms}, {@code /query}, {@code /ping}),
 * which is all InfluxDB 1.6/1.7 offer; 1.8+ and 2.x also accept it. influxdb-client-java speaks
 * only the v2 API, so this writer uses its transport, OkHttp, directly: per 5,000-line request it
 * costs about a third of the CPU the JDK's HttpClient did (README, Performance).
 */
public final class InfluxV1Writer implements TelemetryWriter {
  /** Error bodies are read up to this size; InfluxDB's are a line of JSON. */
  static final long MAX_ERROR_BODY = 64 * 1024;
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final InfluxProperties config;
  private final OkHttpClient http;
  /** {@link #http} with the short timeout of a health check (shares its connections). */
  private final OkHttpClient pingHttp;
  private final String writeUrl;
  private volatile String version = "?";

  public InfluxV1Writer(InfluxProperties config) {
    this.config = config;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .callTimeout(config.requestTimeout())
        .retryOnConnectionFailure(false) // the pipeline retries, with backoff
        .socketFactory(new NoDelaySocketFactory())
        .connectionPool(new ConnectionPool(config.writers(), 5, TimeUnit.MINUTES))
        .build();
    this.pingHttp = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
    StringBuilder q = new StringBuilder("write?precision=ms&db=").append(enc(config.database()));
    if (!config.retentionPolicy().isEmpty()) {
      q.append("&rp=").append(enc(config.retentionPolicy()));
    }
    this.writeUrl = resolve(config.url(), q.toString()).toString();
  }

  @Override
  public void prepare() throws IOException {
    String ping = ping();
    if (ping != null) {
      throw new IOException("InfluxDB at " + config.url() + " does not answer /ping: " + ping);
    }
    if (config.createDatabase()) {
      Request create = authorize(new Request.Builder().url(resolve(config.url(), "query").toString()))
          .post(new FormBody.Builder().add("q",
              "CREATE DATABASE \"" + config.database().replace("\"", "\\\"") + "\"").build())
          .build();
      try (Response response = http.newCall(create).execute()) {
        String body = response.peekBody(MAX_ERROR_BODY).string();
        if (!response.isSuccessful() || body.contains("\"error\"")) {
          throw new IOException("CREATE DATABASE " + config.database() + " failed: HTTP "
              + response.code() + " " + body);
        }
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
    Request.Builder request = authorize(new Request.Builder().url(writeUrl))
        .post(RequestBody.create(body, TEXT));
    if (config.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.isSuccessful() ? "" : response.peekBody(MAX_ERROR_BODY).string();
      return outcome(response.code(), text, response.header("Retry-After"));
    } catch (IOException e) {
      return new WriteOutcome.Retry("POST " + writeUrl + ": " + e, null);
    }
  }

  /** Cancels requests in flight, so that stopping the hub does not wait for their timeout. */
  @Override
  public void abort() {
    http.dispatcher().cancelAll();
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
    Request ping = new Request.Builder().url(resolve(config.url(), "ping").toString()).get().build();
    try (Response response = pingHttp.newCall(ping).execute()) {
      String v = response.header("X-Influxdb-Version");
      if (v != null) {
        version = v;
      }
      return response.isSuccessful() ? null : "HTTP " + response.code();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public String describe() {
    return "InfluxDB " + version + " v1 API at " + config.url() + " db=" + config.database()
        + (config.gzip() ? " (gzip)" : " (uncompressed)");
  }

  private Request.Builder authorize(Request.Builder builder) {
    if (!config.username().isEmpty()) {
      builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)));
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
