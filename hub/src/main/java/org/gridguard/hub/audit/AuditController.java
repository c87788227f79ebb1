package org.gridguard.hub.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit} (ADMIN): the audit log, newest first, filtered by user, action
 * (a prefix like {@code gateway} or a full action), object and time; page with
 * {@code before=<last id seen>}.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Validated
class AuditController {
  private final AuditQuery query;

  AuditController(AuditQuery query) {
    this.query = query;
  }

  @GetMapping
  @PreAuthorize("hasRole('ADMIN')")
  Map<String, Object> list(
      @RequestParam(required = false) @Size(max = 128) String user,
      @RequestParam(required = false) @Size(max = 64) String action,
      @RequestParam(required = false) @Size(max = 32) String objectType,
      @RequestParam(required = false) @Size(max = 256) String objectId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(defaultValue = "9223372036854775807") @Min(1) long before,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    List<AuditQuery.Line> lines = query.find(
        new AuditQuery.Filter(user, action, objectType, objectId, from, to, before, limit));
    return lines.isEmpty() || lines.size() < limit
        ? Map.of("items", lines)
        : Map.of("items", lines, "next", lines.get(lines.size() - 1).id());
  }
}
