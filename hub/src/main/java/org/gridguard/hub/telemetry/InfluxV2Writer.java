package org.gridguard.hub.telemetry;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import org.gridguard.protocol.net.NoDelaySocketFactory;

/**
 * InfluxDB v2 write API ({@code POST /api/v2/write}: InfluxDB 1.8+, 2.x, 3.x) through
 * influxdb-client-java's blocking write API, which does not retry by itself: retries, backoff
 * and dead letters stay in the {@link TelemetryPipeline}, exactly as for v1.
 */
public final class InfluxV2Writer implements TelemetryWriter, AutoCloseable {
  private final InfluxProperties config;
  private final InfluxDBClient client;
  private final String bucket;

  public InfluxV2Writer(InfluxProperties config) {
    this.config = config;
    this.bucket = config.bucket().isEmpty() ? config.database() : config.bucket();
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .readTimeout(config.requestTimeout())
        .writeTimeout(config.requestTimeout())
        .connectTimeout(java.time.Duration.ofSeconds(5))
        .socketFactory(new NoDelaySocketFactory()); // see there: ~40 ms a request otherwise
    InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
        .url(config.url().toString())
        .org(config.org())
        .bucket(bucket)
        .okHttpClient(http);
    if (!config.token().isEmpty()) {
      options.authenticateToken(config.token().toCharArray());
    }
    this.client = InfluxDBClientFactory.create(options.build());
    if (config.gzip()) {
      client.enableGzip();
    }
  }

  @Override
  public void prepare() throws IOException {
    String ping = ping();
    if (ping != null) {
      throw new IOException("InfluxDB at " + config.url() + " does not answer /ping: " + ping);
    }
  }

  @Override
  public WriteOutcome write(List<String> chunks) {
    try {
      client.getWriteApiBlocking().writeRecords(WritePrecision.MS, chunks);
      return WriteOutcome.WRITTEN;
    } catch (InfluxException e) {
      if (e.status() == 0) {
        return new WriteOutcome.Retry("POST /api/v2/write: " + e.getMessage(), null);
      }
      return InfluxV1Writer.outcome(e.status(), e.getMessage(), e.headers().get("Retry-After"));
    }
  }

  @Override
  public String ping() {
    try {
      return client.ping() ? null : "no answer";
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  @Override
  public String describe() {
    return "InfluxDB v2 API at " + config.url() + " org=" + config.org() + " bucket=" + bucket;
  }

  @Override
  public void close() {
    client.close();
  }
}
