package org.gridguard.hub.incident;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The workflow's tables: categories (read) and time limits (read; set by admins, audited). */
@RestController
class CatalogController {
  record LimitChange(@NotNull String category, @NotNull Integer priority, @NotNull Step step,
      @NotNull LimitKind kind, @NotNull Double amount) {}

  private final CatalogRepository catalog;
  private final AuditLog audit;

  CatalogController(CatalogRepository catalog, AuditLog audit) {
    this.catalog = catalog;
    this.audit = audit;
  }

  @GetMapping("/api/v1/incident-categories")
  @PreAuthorize("isAuthenticated()")
  List<Category> categories() {
    return catalog.categories();
  }

  @GetMapping("/api/v1/incident-limits")
  @PreAuthorize("isAuthenticated()")
  List<TimeLimit> limits() {
    return catalog.limits();
  }

  @PutMapping("/api/v1/incident-limits")
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  TimeLimit setLimit(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody LimitChange body, HttpServletRequest request) {
    TimeLimit limit;
    try {
      limit = new TimeLimit(body.category(), body.priority(), body.step(), body.kind(),
          body.amount());
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    if (!TimeLimit.ANY.equals(limit.category()) && catalog.category(limit.category()).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "category: no category " + limit.category());
    }
    catalog.put(limit);
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
        "incident.limit-set", "incident-limit",
        limit.category() + "/P" + limit.priority() + "/" + limit.step())
        .withChange(null, "{\"kind\":\"" + limit.kind() + "\",\"amount\":" + limit.amount() + "}"));
    return limit;
  }
}
