package org.gridguard.hub.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may see which evidence, for every front end (the REST API's {@code /api/v1/evidence}, the
 * console's incident detail): items are found through their gateway's grid, scoped in the
 * query, and every opening of a file is written to the audit log as {@code evidence.view}
 * (privacy: viewing public video is controlled). The roles are the callers' to check.
 */
@Service
public class EvidenceAccess {
  /** Most evidence items listed for one incident. */
  static final int MAX_PER_INCIDENT = 50;

  /** A complete evidence item. */
  public record Item(String gatewayId, String evidenceId, String deviceId, String contentType,
      long size, Instant capturedAt) {
    public boolean image() {
      return contentType.startsWith("image/");
    }
  }

  private final JdbcTemplate jdbc;
  private final EvidenceStore store;
  private final AuditLog audit;

  EvidenceAccess(JdbcTemplate jdbc, EvidenceStore store, AuditLog audit) {
    this.jdbc = jdbc;
    this.store = store;
    this.audit = audit;
  }

  /**
   * The complete evidence items of the alarms of incident {@code incidentId} that the caller's
   * scope covers, oldest first, at most {@value #MAX_PER_INCIDENT}. The caller has already been
   * allowed to see the incident.
   */
  public List<Item> ofIncident(HubPrincipal caller, long incidentId) {
    Set<String> keys = new LinkedHashSet<>();
    jdbc.query("SELECT gateway_id, evidence_ids FROM alarm WHERE incident_id = ? ORDER BY "
        + "first_at, id", rs -> {
          for (String id : rs.getString(2).split(",")) {
            if (!id.isBlank()) {
              keys.add(rs.getString(1) + "\n" + id.strip());
            }
          }
        }, incidentId);
    if (keys.isEmpty()) {
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    GridScope.SqlFilter inScope = caller.scope().filter("g.grid_code");
    List<String> all = new ArrayList<>(keys).subList(0, Math.min(keys.size(), MAX_PER_INCIDENT));
    String pairs = String.join(" OR ",
        Collections.nCopies(all.size(), "(e.gateway_id = ? AND e.evidence_id = ?)"));
    List<Object> args = new ArrayList<>();
    for (String k : all) {
      int cut = k.indexOf('\n');
      args.add(k.substring(0, cut));
      args.add(k.substring(cut + 1));
    }
    args.addAll(inScope.args());
    jdbc.query("SELECT e.gateway_id, e.evidence_id, e.device_id, e.content_type, e.total_size, "
            + "e.capture_time_ms FROM evidence_item e JOIN gateway g ON g.gateway_id = "
            + "e.gateway_id WHERE (" + pairs + ") AND e.status = 'COMPLETE' AND "
            + inScope.condition() + " ORDER BY e.capture_time_ms, e.evidence_id",
        rs -> {
          out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6))));
        }, args.toArray());
    return out;
  }

  /**
   * The file of a complete item with its content type; audited as {@code evidence.view} (every
   * request, ranges included). Clips can be read in parts ({@link EvidenceResponses}); a purged
   * file is 410; outside the caller's scope the same 404 as absent.
   */
  public ResponseEntity<FileSystemResource> open(HubPrincipal caller, String gatewayId,
      String evidenceId, HttpServletRequest request) {
    GridScope.SqlFilter inScope = caller.scope().filter("g.grid_code");
    List<String> type = jdbc.queryForList("SELECT e.content_type FROM evidence_item e JOIN "
            + "gateway g ON g.gateway_id = e.gateway_id WHERE e.gateway_id = ? AND "
            + "e.evidence_id = ? AND e.status = 'COMPLETE' AND " + inScope.condition(),
        String.class, inScope.argsAfter(gatewayId, evidenceId));
    if (type.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no evidence '"
          + shorten(evidenceId) + "' of gateway '" + shorten(gatewayId) + "'");
    }
    return EvidenceResponses.file(store.file(gatewayId, evidenceId), type.get(0), () ->
        audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
            "evidence.view", "evidence", gatewayId + "/" + evidenceId)));
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
