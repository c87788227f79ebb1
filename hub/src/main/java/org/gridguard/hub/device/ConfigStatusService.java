package org.gridguard.hub.device;

import java.util.Optional;
import org.gridguard.hub.gateway.ConfigSyncState;
import org.gridguard.hub.gateway.GatewayDetails;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.EdgeSession;
import org.gridguard.hub.ingest.EdgeSessions;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * A gateway's config push status for the REST API and the console: desired and applied versions,
 * the state, the edge's last answer and its problems. Scoped: a gateway outside the caller's grid
 * scope is the same 404 as an unknown one. "Connected" is a session on this instance or, for one
 * on another instance, the gateway's derived health (ONLINE/DEGRADED).
 */
@Service
public class ConfigStatusService {
  private final GatewayRepository gateways;
  private final GatewayConfigRepository rows;
  private final EdgeSessions sessions;
  private final ConfigPushProperties config;

  ConfigStatusService(GatewayRepository gateways, GatewayConfigRepository rows,
      EdgeSessions sessions, ConfigPushProperties config) {
    this.gateways = gateways;
    this.rows = rows;
    this.sessions = sessions;
    this.config = config;
  }

  /**
   * @throws ResponseStatusException 404 when there is no such gateway in the caller's scope; 403
   *     unless the caller is an admin, technician or viewer
   */
  public ConfigStatus status(HubPrincipal caller, String gatewayId) {
    if (!caller.has(Role.ADMIN) && !caller.has(Role.TECHNICIAN) && !caller.has(Role.VIEWER)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the config push status is for "
          + "admins, technicians and viewers");
    }
    GatewayDetails g = gateways.details(gatewayId, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(gatewayId)
            + "'"));
    Optional<EdgeSession> here = sessions.live(g.id());
    Optional<GatewayConfigRepository.Row> row = rows.find(g.id());
    boolean online = here.isPresent() || g.online();
    long desired = row.map(GatewayConfigRepository.Row::version).orElse(0L);
    Long applied = row.map(GatewayConfigRepository.Row::appliedVersion).orElse(null);
    Long resultVersion = row.map(GatewayConfigRepository.Row::lastResultVersion).orElse(null);
    Boolean resultOk = row.map(GatewayConfigRepository.Row::lastResultOk).orElse(null);
    Long failed = row.map(GatewayConfigRepository.Row::pushFailedVersion).orElse(null);
    ConfigSyncState state = ConfigSyncState.of(desired, applied == null ? 0 : applied,
        resultVersion, resultOk, failed, online);
    String assembly = row.map(GatewayConfigRepository.Row::assemblyProblem).orElse(null);
    return new ConfigStatus(g.id(), desired, applied, state, resultVersion,
        row.map(GatewayConfigRepository.Row::lastResultAt).orElse(null), resultOk,
        GatewayDetails.problems(row.map(GatewayConfigRepository.Row::lastProblems).orElse(null)),
        assembly, detail(g.id(), state, desired, resultVersion, resultOk, here, assembly));
  }

  private String detail(String id, ConfigSyncState state, long desired, Long resultVersion,
      Boolean resultOk, Optional<EdgeSession> here, String assembly) {
    String push = "POST /api/v1/gateways/" + id + "/config/push";
    if (assembly != null) {
      return "the registry cannot be assembled (" + assembly + "); fix the device, then the "
          + "new version is pushed";
    }
    return switch (state) {
      case IN_SYNC -> "the edge runs version " + desired;
      case FAILED -> resultVersion != null && resultVersion == desired
          && Boolean.FALSE.equals(resultOk)
          ? "the edge refused version " + desired + " and keeps its previous configuration; fix "
              + "the problems in the registry (a new version is pushed) or " + push
          : "version " + desired + " went unanswered after " + config.maxAttempts()
              + " push(es); " + push + " to try again";
      case OFFLINE -> desired == 0 ? "the gateway is not connected; nothing assembled yet"
          : "the gateway is not connected; version " + desired + " is pushed at its next Hello";
      case PENDING -> here.isPresent() && !here.get().commands()
          ? "the gateway's session did not list command.v1: it runs its local file only"
          : here.isPresent() ? "version " + desired + " is being pushed"
              : "version " + desired + " is pushed by the hub instance the gateway is connected "
                  + "to within " + config.sweepInterval();
    };
  }
}
