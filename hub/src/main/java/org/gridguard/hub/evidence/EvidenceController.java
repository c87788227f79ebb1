package org.gridguard.hub.evidence;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evidence (snapshots, clips) for the people who handle incidents, scoped to their grids in the
 * query. Every download is written to the audit log (privacy: viewing public video is
 * controlled). Technicians do not see evidence.
 */
@RestController
@RequestMapping("/api/v1/evidence")
@Validated
@PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER','VIEWER')")
class EvidenceController {
  record Item(String gatewayId, String evidenceId, String deviceId, String contentType,
      long size, String status, Instant capturedAt, Instant receivedAt) {}

  private final JdbcTemplate jdbc;
  private final EvidenceAccess access;

  EvidenceController(JdbcTemplate jdbc, EvidenceAccess access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  /** Items of the caller's gateways, newest first; {@code gatewayId} narrows to one gateway. */
  @GetMapping
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) @Size(max = 64) String gatewayId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    GridScope.SqlFilter inScope = caller.scope().filter("g.grid_code");
    String one = gatewayId == null ? "" : " AND e.gateway_id = ?";
    Object[] leading = gatewayId == null ? new Object[0] : new Object[] {gatewayId};
    List<Item> items = jdbc.query("SELECT e.* FROM evidence_item e JOIN gateway g "
            + "ON g.gateway_id = e.gateway_id WHERE " + inScope.condition() + one
            + " ORDER BY e.created_at DESC, e.evidence_id LIMIT ?",
        (rs, i) -> new Item(rs.getString("gateway_id"), rs.getString("evidence_id"),
            rs.getString("device_id"), rs.getString("content_type"), rs.getLong("total_size"),
            rs.getString("status"), Instant.ofEpochMilli(rs.getLong("capture_time_ms")),
            rs.getTimestamp("created_at").toInstant()),
        concat(inScope.args().toArray(), leading, limit));
    return Map.of("items", items);
  }

  /**
   * The file of a complete item with its content type; audited as {@code evidence.view} (every
   * request, ranges included). Clips can be read in parts ({@link EvidenceResponses}); a purged
   * file is 410.
   */
  @GetMapping("/{gatewayId}/{evidenceId}")
  ResponseEntity<FileSystemResource> download(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String gatewayId, @PathVariable String evidenceId,
      HttpServletRequest request) {
    return access.open(caller, gatewayId, evidenceId, request);
  }

  private static Object[] concat(Object[] a, Object[] b, Object last) {
    Object[] all = new Object[a.length + b.length + 1];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    all[all.length - 1] = last;
    return all;
  }
}
