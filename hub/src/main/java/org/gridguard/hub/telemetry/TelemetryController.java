package org.gridguard.hub.telemetry;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters of the telemetry path. */
@RestController
@RequestMapping("/api/telemetry")
class TelemetryController {
  private final DeadLetterRepository deadLetters;

  TelemetryController(DeadLetterRepository deadLetters) {
    this.deadLetters = deadLetters;
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
