package org.gridguard.hub.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads one device's metric over a time range, downsampled with {@code mean} per interval
 * (InfluxQL {@code GROUP BY time()}), through the v1 {@code /query} endpoint.
 */
@Component
public class TelemetryReader {
  /** One downsampled value; {@code value} is the interval's mean. */
  public record Point(long timeMs, double value) {}

  private final InfluxProperties config;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public TelemetryReader(InfluxProperties config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /** The series of one device of one gateway (a device id is only unique within its gateway). */
  public List<Point> series(String gatewayId, String deviceId, String metric, Instant from,
      Instant to, Duration every) throws IOException, InterruptedException {
    String q = "SELECT mean(" + identifier(metric) + ") FROM /.*/ WHERE \"gateway\" = "
        + literal(gatewayId) + " AND \"device\" = " + literal(deviceId) + " AND time >= " + from.toEpochMilli() + "ms AND time < "
        + to.toEpochMilli() + "ms GROUP BY time(" + every.toMillis() + "ms) fill(none)";
    StringBuilder uri = new StringBuilder("query?epoch=ms&db=")
        .append(URLEncoder.encode(config.database(), StandardCharsets.UTF_8))
        .append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(InfluxV1Writer.resolve(config.url(), uri.toString()))
        .timeout(config.requestTimeout());
    if (!config.username().isEmpty()) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("InfluxDB query failed: HTTP " + response.statusCode() + " " + response.body());
    }
    JsonNode root = json.readTree(response.body());
    List<Point> points = new ArrayList<>();
    for (JsonNode result : root.path("results")) {
      if (result.has("error")) {
        throw new IOException("InfluxDB query failed: " + result.get("error").asText());
      }
      for (JsonNode series : result.path("series")) {
        for (JsonNode row : series.path("values")) {
          if (row.size() >= 2 && row.get(1).isNumber()) {
            points.add(new Point(row.get(0).asLong(), row.get(1).asDouble()));
          }
        }
      }
    }
    points.sort(java.util.Comparator.comparingLong(Point::timeMs));
    return points;
  }

  static String identifier(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

}
