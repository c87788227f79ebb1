package org.gridguard.hub.maintenance;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Maintenance orders: technicians and admins read and close them, dispatchers and viewers read;
 * scoped by the order's grid in SQL (outside scope: 404 as absent). Opening is the hub's alone.
 */
@RestController
@Validated
class OrderController {
  static final String READERS = "hasAnyRole('ADMIN','TECHNICIAN','DISPATCHER','VIEWER')";
  static final String WRITERS = "hasAnyRole('ADMIN','TECHNICIAN')";

  /** {@code POST …/close} body. */
  record Close(String note) {}

  private final OrderRepository orders;
  private final AuditLog audit;
  private final Clock clock;

  OrderController(OrderRepository orders, AuditLog audit, Clock clock) {
    this.orders = orders;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/api/v1/maintenance-orders")
  @PreAuthorize(READERS)
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String gateway,
      @RequestParam(defaultValue = "9223372036854775807") long before,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    String wanted = null;
    if (state != null && !state.isBlank()) {
      wanted = state.trim().toUpperCase(Locale.ROOT);
      if (!wanted.equals("OPEN") && !wanted.equals("CLOSED")) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "state must be OPEN or CLOSED, was '" + cut(state) + "'");
      }
    }
    List<MaintenanceOrder> page = orders.list(caller.scope(), wanted, gateway, before, limit);
    return page.size() == limit
        ? Map.of("items", page, "next", page.get(page.size() - 1).id())
        : Map.of("items", page);
  }

  @GetMapping("/api/v1/maintenance-orders/{id}")
  @PreAuthorize(READERS)
  MaintenanceOrder get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return find(caller, id);
  }

  @PostMapping("/api/v1/maintenance-orders/{id}/close")
  @PreAuthorize(WRITERS)
  @Transactional
  MaintenanceOrder close(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody Close body, HttpServletRequest request) {
    MaintenanceOrder order = find(caller, id);
    String note = body == null || body.note() == null ? "" : body.note().strip();
    if (note.isEmpty() || note.length() > 2000) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "note is required (1-2000 characters): say what was done or found");
    }
    if (!orders.close(id, caller.username(), "TECHNICIAN", note, clock.instant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "maintenance order " + id
          + " is already " + order.state() + " (" + order.closeReason() + ")");
    }
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "maintenance.close", "maintenance-order", Long.toString(id))
        .withChange(null, "{\"reason\":\"TECHNICIAN\"}"));
    return find(caller, id);
  }

  private MaintenanceOrder find(HubPrincipal caller, long id) {
    return orders.find(id, caller.scope()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no maintenance order " + id));
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
