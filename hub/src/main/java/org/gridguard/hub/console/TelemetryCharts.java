package org.gridguard.hub.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.DeviceView;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.telemetry.TelemetryReader;
import org.gridguard.hub.telemetry.TelemetryUnits;
import org.gridguard.protocol.TelemetryNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The telemetry chart's data: one metric of one device over the last hour, day or week, as the
 * mean per interval ({@link TelemetryReader}, the read API's service), about
 * {@code chart-points} points, with the series' unit for the axis ({@link TelemetryUnits}, else
 * the device's {@code unit} setting). The device is looked up in the reader's scope first (404 as
 * absent). Problems answer {@code {"error": …}} for the chart island to show.
 */
@Controller
class TelemetryCharts {
  private static final Logger log = LoggerFactory.getLogger(TelemetryCharts.class);
  static final Map<String, Duration> RANGES = Map.of("hour", Duration.ofHours(1),
      "day", Duration.ofDays(1), "week", Duration.ofDays(7));

  private final DeviceConsole devices;
  private final TelemetryReader reader;
  private final TechnicianProperties config;
  private final Clock clock;
  private final TelemetryUnits units;

  TelemetryCharts(DeviceConsole devices, TelemetryReader reader, TechnicianProperties config,
      Clock clock, TelemetryUnits units) {
    this.devices = devices;
    this.reader = reader;
    this.config = config;
    this.clock = clock;
    this.units = units;
  }

  @GetMapping("/console/devices/{id}/telemetry.json")
  @PreAuthorize(Technicians.READERS)
  @ResponseBody
  ResponseEntity<Map<String, Object>> series(@AuthenticationPrincipal HubPrincipal me,
      @PathVariable long id, @RequestParam(defaultValue = "value") String metric,
      @RequestParam(defaultValue = "day") String range) {
    DeviceView d = devices.device(me, id);
    Duration span = RANGES.get(range.toLowerCase(Locale.ROOT));
    if (span == null) {
      return error(400, "range must be hour, day or week, was '" + Technicians.cut(range) + "'");
    }
    String problem = TelemetryNames.problem(metric);
    if (problem != null) {
      return error(400, "metric " + problem);
    }
    Instant to = clock.instant();
    Instant from = to.minus(span);
    Duration every = Duration.ofMillis(Math.max(1000, span.toMillis() / config.chartPoints()));
    List<TelemetryReader.Point> points;
    try {
      points = reader.series(d.gatewayId(), d.deviceId(), metric, from, to, every);
    } catch (IOException e) {
      log.warn("telemetry chart of {}/{} could not be read: {}", d.gatewayId(), d.deviceId(),
          e.getMessage());
      return error(503, "InfluxDB could not be read (" + e.getMessage() + "); try again in a "
          + "moment, or ask an administrator to check /actuator/health");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(503, "interrupted; try again");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gatewayId", d.gatewayId());
    out.put("deviceId", d.deviceId());
    out.put("metric", metric);
    // the unit the edge reports for this series (telemetry_unit); else the device's setting
    out.put("unit", units.unit(d.gatewayId(), d.deviceId(), metric).orElseGet(() ->
        d.settings() != null && d.settings().hasNonNull("unit")
            ? d.settings().get("unit").asText() : ""));
    out.put("from", from.toEpochMilli());
    out.put("to", to.toEpochMilli());
    out.put("everyMs", every.toMillis());
    out.put("points", points.stream().map(p -> new Object[] {p.timeMs(), p.value()}).toList());
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(out);
  }

  private static ResponseEntity<Map<String, Object>> error(int status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}
