package org.gridguard.hub.maintenance;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;

/**
 * Maintenance orders as the console's technician pages use them: every call goes through the
 * REST controller's bean, so roles, grid scope, the note rule and the audit are the API's.
 */
@Component
public class OrderConsole {
  /** A page of orders, newest first; {@code next} is the {@code before} of the next page. */
  public record Page(List<MaintenanceOrder> items, Long next) {}

  private final OrderController api;

  OrderConsole(OrderController api) {
    this.api = api;
  }

  @SuppressWarnings("unchecked")
  public Page list(HubPrincipal caller, String state, String gatewayId, long before, int limit) {
    Map<String, Object> answer = api.list(caller, state,
        gatewayId == null || gatewayId.isBlank() ? null : gatewayId.strip(), before, limit);
    return new Page((List<MaintenanceOrder>) answer.get("items"), (Long) answer.get("next"));
  }

  public MaintenanceOrder get(HubPrincipal caller, long id) {
    return api.get(caller, id);
  }

  /** Closes with the technician's note (400 without one, 409 when already closed). */
  public MaintenanceOrder close(HubPrincipal caller, long id, String note,
      HttpServletRequest request) {
    return api.close(caller, id, new OrderController.Close(note), request);
  }
}
