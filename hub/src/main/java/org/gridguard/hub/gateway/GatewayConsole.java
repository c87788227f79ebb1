package org.gridguard.hub.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Gateways as the console's technician pages use them: writes go through the REST controller's
 * bean (its roles, scope checks, audit and transaction), reads through the same scoped
 * repository queries as {@code GET /api/v1/gateways}. Nothing here decides who may do what.
 */
@Component
public class GatewayConsole {
  private final GatewayController api;
  private final GatewayRepository gateways;

  GatewayConsole(GatewayController api, GatewayRepository gateways) {
    this.api = api;
    this.gateways = gateways;
  }

  /** Gateways in the caller's scope (optionally below {@code grid}), by id after {@code after}. */
  public List<GatewayDetails> list(HubPrincipal caller, String grid, String after, int limit) {
    checkGrid(grid);
    return gateways.listDetails(caller.scope(), blank(grid), after == null ? "" : after, limit);
  }

  public long count(HubPrincipal caller, String grid) {
    checkGrid(grid);
    return gateways.count(caller.scope(), blank(grid));
  }

  /** The gateway if it is in the caller's scope (else empty, as absent). */
  public Optional<GatewayDetails> find(HubPrincipal caller, String id) {
    return gateways.details(id, caller.scope());
  }

  /**
   * Registers a gateway as {@code POST /api/v1/gateways} does. The credential that answer carries
   * is dropped: the console hands out enrolment codes instead.
   */
  public void register(HubPrincipal caller, String gatewayId, String gridCode,
      HttpServletRequest request) {
    if (gatewayId == null || gatewayId.isBlank() || gatewayId.length() > 64) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "gatewayId: 1-64 characters of [A-Za-z0-9._-], first a letter or digit");
    }
    if (gridCode == null || gridCode.isBlank() || gridCode.length() > 15) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "gridCode: a gateway belongs to a grid (15 digits)");
    }
    api.register(caller, new GatewayController.Registration(gatewayId.strip(), gridCode.strip()),
        request);
  }

  /** Revokes as {@code POST /api/v1/gateways/{id}/revoke}: a live session is closed. */
  public void revoke(HubPrincipal caller, String gatewayId, HttpServletRequest request) {
    api.revoke(caller, gatewayId, request);
  }

  private static void checkGrid(String grid) {
    if (grid != null && !grid.isBlank() && !GridCode.isValid(grid.strip())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "grid: " + GridCode.rule());
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
