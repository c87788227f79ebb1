package org.gridguard.hub.record;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ingest/dead-letters}: PRIORITY records and evidence chunks the hub could
 * never store (PROTOCOL.md §2.6), for technicians, of the gateways in their grids (in the SQL).
 */
@RestController
@Validated
@Tag(name = "dead letters", description = "records and evidence chunks that could not be stored")
class DeadLetterController {
  private final IngestDeadLetters deadLetters;

  DeadLetterController(IngestDeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GetMapping("/api/v1/ingest/dead-letters")
  @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
  @Operation(summary = "dead-lettered records and chunks in scope, newest first",
      description = "gateway: one gateway's; reason: a part of the reason (case ignored); page "
          + "with before=<next> (absent on the last page)")
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) @Size(max = 64) String gateway,
      @RequestParam(required = false) @Size(max = 200) String reason,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
      @RequestParam(defaultValue = "9223372036854775807") @Min(1) long before) {
    List<IngestDeadLetters.DeadLetter> items = deadLetters.list(caller.scope(), gateway,
        reason == null || reason.isBlank() ? null : reason.strip(), limit + 1, before);
    Map<String, Object> body = new LinkedHashMap<>();
    boolean more = items.size() > limit;
    List<IngestDeadLetters.DeadLetter> page = more ? items.subList(0, limit) : items;
    body.put("items", page);
    if (more) {
      body.put("next", page.get(page.size() - 1).id());
    }
    return body;
  }
}
