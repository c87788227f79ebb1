package org.gridguard.hub.telemetry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.influx.*}: where telemetry goes and how it is batched.
 *
 * @param url InfluxDB base URL, e.g. {@code http://127.0.0.1:8086}
 * @param api {@code auto} (ask {@code /ping} at start), {@code v1} ({@code /write}, InfluxDB
 *     1.x) or {@code v2} ({@code /api/v2/write}, InfluxDB 1.8+, 2.x, 3.x)
 * @param database v1 database (also the v2 bucket when {@code bucket} is empty)
 * @param retentionPolicy v1 retention policy, empty for the database default
 * @param username v1 user, empty for no authentication
 * @param password v1 password
 * @param token v2 API token
 * @param org v2 organisation
 * @param bucket v2 bucket; empty means {@code database}
 * @param createDatabase v1: {@code CREATE DATABASE} at start (idempotent)
 * @param batchSize lines per write request
 * @param linger how long a writer waits to fill a batch
 * @param queueCapacity points held in memory (queued and being written) before ingest stops
 *     reading from gateways
 * @param writers parallel write requests
 * @param contentEncoding request bodies: {@code auto} (gzip, except when InfluxDB is on a loopback
 *     address, where compressing only costs both sides CPU), {@code gzip} or {@code identity}
 * @param initialBackoff first retry delay (full jitter, doubling)
 * @param maxBackoff retry delay cap
 * @param requestTimeout timeout of one HTTP request
 */
@Validated
@ConfigurationProperties("gridguard.influx")
public record InfluxProperties(
    @NotNull URI url,
    @DefaultValue("auto") @NotNull Api api,
    @DefaultValue("gridguard") @NotBlank String database,
    @DefaultValue("") String retentionPolicy,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("") String token,
    @DefaultValue("") String org,
    @DefaultValue("") String bucket,
    @DefaultValue("true") boolean createDatabase,
    @DefaultValue("5000") @Min(1) @Max(100_000) int batchSize,
    @DefaultValue("20ms") @NotNull Duration linger,
    @DefaultValue("100000") @Min(1000) @Max(50_000_000) int queueCapacity,
    @DefaultValue("2") @Min(1) @Max(64) int writers,
    @DefaultValue("auto") @NotNull ContentEncoding contentEncoding,
    @DefaultValue("100ms") @NotNull Duration initialBackoff,
    @DefaultValue("30s") @NotNull Duration maxBackoff,
    @DefaultValue("10s") @NotNull Duration requestTimeout) {

  /** Which InfluxDB HTTP API to speak. */
  public enum Api { AUTO, V1, V2 }

  /** How write request bodies are encoded (Telegraf's {@code content_encoding}). */
  public enum ContentEncoding { AUTO, GZIP, IDENTITY }

  /** Whether write bodies are gzipped: {@code auto} means yes unless the host is loopback. */
  public boolean gzip() {
    return switch (contentEncoding) {
      case GZIP -> true;
      case IDENTITY -> false;
      case AUTO -> !isLoopback(url.getHost());
    };
  }

  /** {@code localhost}, 127.0.0.0/8 or ::1, without a DNS lookup. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
    return h.equalsIgnoreCase("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  public InfluxProperties {
    if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("gridguard.influx.url must be http(s)://host:port, was "
          + url);
    }
    if (initialBackoff != null && maxBackoff != null
        && (initialBackoff.toMillis() < 1 || maxBackoff.compareTo(initialBackoff) < 0)) {
      throw new IllegalArgumentException("gridguard.influx.initial-backoff must be at least 1ms "
          + "and gridguard.influx.max-backoff at least initial-backoff, were " + initialBackoff
          + " and " + maxBackoff);
    }
  }
}
