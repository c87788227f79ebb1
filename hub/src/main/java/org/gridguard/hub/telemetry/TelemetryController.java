package org.gridguard.hub.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Telemetry read API (console charts) and the dead letters of the telemetry path. */
@RestController
@RequestMapping("/api/v1/telemetry")
@Validated
class TelemetryController {
  private static final int MAX_BUCKETS = 10_000;
  private static final int DEFAULT_BUCKETS = 500;
  /** InfluxDB's time range: nanoseconds since 1677-09-21 up to 2262-04-11. */
  private static final Instant EARLIEST = Instant.parse("1677-09-22T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2262-04-10T00:00:00Z");

  private final DeadLetterRepository deadLetters;
  private final TelemetryReader reader;
  private final GatewayRepository gateways;
  private final TelemetryUnits units;

  TelemetryController(DeadLetterRepository deadLetters, TelemetryReader reader,
      GatewayRepository gateways, TelemetryUnits units) {
    this.deadLetters = deadLetters;
    this.reader = reader;
    this.gateways = gateways;
    this.units = units;
  }

  /**
   * One device's metric of one gateway between {@code from} and {@code to} (ISO-8601 instants;
   * defaults: the last 24 h), as the mean per {@code every} (ISO-8601 duration like PT1M, or
   * 30s/5m/1h; default: the range in about 500 steps, at least 1 s), with the series' unit as
   * the edge reported it ({@code ""} when it reported none). A gateway outside the caller's
   * scope answers 404.
   */
  @GetMapping("/{gatewayId}/{deviceId}/{metric}")
  @PreAuthorize("isAuthenticated()")
  Map<String, Object> series(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String gatewayId, @PathVariable String deviceId, @PathVariable String metric,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String every) throws Exception {
    Gateway gateway = gateways.find(gatewayId, caller.scope())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "no gateway '" + shorten(gatewayId) + "'"));
    if (deviceId.length() > 128 || metric.length() > 256) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "deviceId: at most 128 characters; metric: at most 256");
    }
    Instant end = instant("to", to, Instant.now());
    Instant start = instant("from", from, end.minus(Duration.ofHours(24)));
    if (!start.isBefore(end)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from: must be before to");
    }
    Duration step;
    try {
      step = every == null
          ? Duration.ofMillis(Math.max(1000, Duration.between(start, end).toMillis() / DEFAULT_BUCKETS))
          : parseDuration(every);
    } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "every: must be a duration like PT1M, 30s, 5m or 1h, was '" + shorten(every) + "'");
    }
    if (step.toMillis() < 1 || Duration.between(start, end).toMillis() / step.toMillis() > MAX_BUCKETS) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "every: " + step + " gives more than "
          + MAX_BUCKETS + " intervals over the range; use a longer interval");
    }
    List<TelemetryReader.Point> points =
        reader.series(gateway.id(), deviceId, metric, start, end, step);
    String unit = units.unit(gateway.id(), deviceId, metric).orElse("");
    return Map.of("gatewayId", gateway.id(), "deviceId", deviceId, "metric", metric,
        "unit", unit, "from", start, "to", end, "everyMs", step.toMillis(), "points", points);
  }

  private static Instant instant(String name, String text, Instant otherwise) {
    if (text == null) {
      return otherwise;
    }
    try {
      Instant t = Instant.parse(text);
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            name + ": must lie between 1677-09-22 and 2262-04-10, was " + t);
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name
          + ": must be an ISO-8601 instant like 2026-11-21T05:00:00Z, was '" + shorten(text) + "'");
    }
  }

  static Duration parseDuration(String s) {
    if (s.startsWith("P") || s.startsWith("p")) {
      Duration d = Duration.parse(s);
      d.toMillis(); // ArithmeticException when it does not fit
      return d;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})(ms|s|m|h|d)").matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read duration '" + s + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** Refused telemetry lines of the caller's gateways, newest first. */
  @GetMapping("/dead-letters")
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  Map<String, Object> deadLetters(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(defaultValue = "100") @jakarta.validation.constraints.Min(1)
      @jakarta.validation.constraints.Max(1000) int limit,
      @RequestParam(defaultValue = "9223372036854775807") long before) {
    List<DeadLetterRepository.DeadLetter> page = deadLetters.list(caller.scope(), limit, before);
    return Map.of("total", deadLetters.count(caller.scope()), "items", page);
  }

  private static String shorten(String s) {
    return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
