package org.gridguard.hub.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Telemetry read API (console) and the dead letters of the telemetry path. */
@RestController
@RequestMapping("/api/telemetry")
class TelemetryController {
  private static final int MAX_BUCKETS = 10_000;
  private static final int DEFAULT_BUCKETS = 500;

  private final DeadLetterRepository deadLetters;
  private final TelemetryReader reader;

  TelemetryController(DeadLetterRepository deadLetters, TelemetryReader reader) {
    this.deadLetters = deadLetters;
    this.reader = reader;
  }

  /**
   * One device's metric between {@code from} and {@code to} (ISO-8601 instants; defaults: the
   * last 24 h), as the mean per {@code every} (ISO-8601 duration like PT1M, or 30s/5m/1h;
   * default: the range in about 500 steps, at least 1 s).
   */
  @GetMapping("/{deviceId}/{metric}")
  ResponseEntity<?> series(@PathVariable String deviceId, @PathVariable String metric,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String every) throws Exception {
    Instant end;
    Instant start;
    Duration step;
    try {
      end = to == null ? Instant.now() : Instant.parse(to);
      start = from == null ? end.minus(Duration.ofHours(24)) : Instant.parse(from);
      step = every == null
          ? Duration.ofMillis(Math.max(1000, Duration.between(start, end).toMillis() / DEFAULT_BUCKETS))
          : parseDuration(every);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error",
          "from/to must be ISO-8601 instants (2026-11-21T05:00:00Z), every a duration (PT1M, 30s, 5m): "
              + e.getMessage()));
    }
    if (!start.isBefore(end)) {
      return ResponseEntity.badRequest().body(Map.of("error", "from must be before to"));
    }
    if (step.toMillis() < 1 || Duration.between(start, end).toMillis() / step.toMillis() > MAX_BUCKETS) {
      return ResponseEntity.badRequest().body(Map.of("error", "every=" + step + " gives more than "
          + MAX_BUCKETS + " intervals over the range; use a longer interval"));
    }
    List<TelemetryReader.Point> points = reader.series(deviceId, metric, start, end, step);
    return ResponseEntity.ok(Map.of("deviceId", deviceId, "metric", metric, "from", start,
        "to", end, "everyMs", step.toMillis(), "points", points));
  }

  static Duration parseDuration(String s) {
    if (s.startsWith("P") || s.startsWith("p")) {
      return Duration.parse(s);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s);
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

  @GetMapping("/dead-letters")
  ResponseEntity<?> deadLetters(@RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "9223372036854775807") long before) {
    if (limit < 1 || limit > 1000) {
      return ResponseEntity.badRequest().body(Map.of("error", "limit must be 1-1000, was " + limit));
    }
    List<DeadLetterRepository.DeadLetter> page = deadLetters.list(limit, before);
    return ResponseEntity.ok(Map.of("total", deadLetters.count(), "items", page));
  }
}
