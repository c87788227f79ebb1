package org.gridguard.hub.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the InfluxDB API and wires the pipeline into the application lifecycle. */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TelemetryConfiguration.class);

  @Bean
  TelemetryWriter telemetryWriter(InfluxProperties config) {
    InfluxProperties.Api api = config.api();
    if (api == InfluxProperties.Api.AUTO) {
      api = detect(config);
    }
    return api == InfluxProperties.Api.V2 ? new InfluxV2Writer(config) : new InfluxV1Writer(config);
  }

  /**
   * Asks {@code /ping} for {@code X-Influxdb-Version}: 1.x → v1; anything else → v2. An
   * unreachable server gets v1, the API every InfluxDB since 1.0 serves.
   */
  static InfluxProperties.Api detect(InfluxProperties config) {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(InfluxV1Writer.resolve(config.url(), "ping"))
              .timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      String version = response.headers().firstValue("X-Influxdb-Version").orElse("");
      InfluxProperties.Api api = fromVersion(version);
      log.info("InfluxDB at {} reports version '{}', using the {} API", config.url(), version, api);
      return api;
    } catch (Exception e) {
      log.warn("InfluxDB at {} unreachable for API detection ({}), assuming v1", config.url(),
          e.toString());
      return InfluxProperties.Api.V1;
    }
  }

  static InfluxProperties.Api fromVersion(String version) {
    return version.isEmpty() || version.startsWith("1.") ? InfluxProperties.Api.V1
        : InfluxProperties.Api.V2;
  }

  @Bean
  TelemetryPipeline telemetryPipeline(TelemetryWriter writer, DeadLetterRepository deadLetters,
      InfluxProperties config, MeterRegistry meters) {
    return new TelemetryPipeline(writer, deadLetters, config, meters);
  }

  /** Starts the writers before the ingest server and stops them after it. */
  @Bean
  SmartLifecycle telemetryLifecycle(TelemetryPipeline pipeline, TelemetryWriter writer) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        try {
          writer.prepare();
        } catch (Exception e) {
          // not fatal: the hub runs, acknowledges nothing, reports DOWN, and writes once InfluxDB is up
          log.warn("InfluxDB not ready at start ({}); telemetry will wait for it", e.toString());
        }
        pipeline.start();
        running = true;
      }

      @Override
      public void stop() {
        pipeline.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return 1000;
      }
    };
  }
}
