package org.gridguard.hub.device;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The device registry as the console's technician pages use it: every call goes through the
 * REST controllers' beans (so their {@code @PreAuthorize} roles, grid scope, validation,
 * transactions and audit are exactly the API's) or, for the background CSV import, through the
 * same {@link DeviceImporter} after the gateway was resolved in the caller's scope. Nothing here
 * decides who may do what.
 */
@Component
public class DeviceConsole {
  /** A one-time enrolment code as issued (shown once). */
  public record Issued(String gatewayId, String code, Instant expiresAt) {}

  /** The derived health of a gateway or device; {@code state} null = not derived yet. */
  public record Health(HealthState state, String cause, Instant since,
      List<Transition> history) {}

  public record Transition(HealthState from, HealthState to, String cause, Instant at) {}

  /** A registered device with a place, and its health ({@code null}: not derived yet). */
  public record Placed(long id, String deviceId, String name, DeviceKind kind, String gatewayId,
      String gridCode, double lat, double lon, HealthState health) {}

  /** Placed devices, and whether the limit cut the list. */
  public record PlacedList(List<Placed> items, boolean cut) {
    public PlacedList {
      items = List.copyOf(items);
    }
  }

  /** One row of the health list ({@code deviceId} empty for the gateway itself). */
  public record HealthRow(String gatewayId, String deviceId, Long id, String gridCode,
      HealthState state, String cause, Instant since) {}

  private final DeviceController devices;
  private final EnrolmentController enrolment;
  private final HealthController healthApi;
  private final HealthRepository health;
  private final DeviceImporter importer;
  private final DeviceCsvController csv;
  private final TransactionTemplate tx;
  private final CameraPreviewController previews;
  private final PlacedDevices placed;

  DeviceConsole(DeviceController devices, EnrolmentController enrolment,
      HealthController healthApi, HealthRepository health, DeviceImporter importer,
      DeviceCsvController csv, TransactionTemplate tx, CameraPreviewController previews,
      PlacedDevices placed) {
    this.previews = previews;
    this.placed = placed;
    this.devices = devices;
    this.enrolment = enrolment;
    this.healthApi = healthApi;
    this.health = health;
    this.importer = importer;
    this.csv = csv;
    this.tx = tx;
  }

  /** The gateway's devices in the caller's scope, by device id (404 for a gateway outside it). */
  @SuppressWarnings("unchecked")
  public List<DeviceView> devices(HubPrincipal caller, String gatewayId, String after, int limit) {
    return (List<DeviceView>) devices.list(caller, gatewayId, after, limit).get("items");
  }

  /**
   * The caller's devices with a place (lat/lon), with their health, by gateway and device id: at
   * most {@code limit} of them, in one query with the caller's grid scope in its SQL. The same
   * roles as reading the devices through the API.
   */
  @PreAuthorize(DeviceController.READERS)
  public PlacedList placed(HubPrincipal caller, int limit) {
    return placed.placed(caller.scope(), limit);
  }

  public DeviceView device(HubPrincipal caller, long id) {
    return devices.get(caller, id);
  }

  public DeviceView create(HubPrincipal caller, String gatewayId, DeviceInput input,
      HttpServletRequest request) {
    return devices.create(caller, gatewayId, input, request).getBody();
  }

  public DeviceView update(HubPrincipal caller, long id, DeviceInput input,
      HttpServletRequest request) {
    return devices.update(caller, id, input, request);
  }

  /** "Snapshot now" for a camera (409 with the reason when its gateway cannot take it). */
  public CameraPreviews.Requested snapshot(HubPrincipal caller, long id,
      HttpServletRequest request) {
    return previews.snapshot(caller, id, request).getBody();
  }

  /** The camera's latest picture (404 saying why there is none yet; every view audited). */
  public org.springframework.http.ResponseEntity<org.springframework.core.io.FileSystemResource>
      preview(HubPrincipal caller, long id, HttpServletRequest request) {
    return previews.preview(caller, id, request);
  }

  /** Why a camera has no preview yet (one sentence, what to do next). */
  public String whyNoPreview(HubPrincipal caller, long id) {
    return previews.whyNone(caller, id);
  }

  /** A new enrolment code; earlier unused ones are withdrawn (audited by the controller). */
  public Issued issueCode(HubPrincipal caller, String gatewayId, HttpServletRequest request) {
    EnrolmentController.Issued i = enrolment.issue(caller, gatewayId, request).getBody();
    return new Issued(i.gatewayId(), i.code(), i.expiresAt());
  }

  public Health gatewayHealth(HubPrincipal caller, String gatewayId) {
    return health(healthApi.gateway(caller, gatewayId));
  }

  public Health deviceHealth(HubPrincipal caller, long id) {
    return health(healthApi.device(caller, id));
  }

  /** The current state of gateways the caller already holds (their ids came from a scoped read). */
  public Optional<HealthState> stateOf(String gatewayId, String deviceId) {
    return health.state(gatewayId, deviceId == null ? "" : deviceId)
        .map(HealthRepository.StateView::state);
  }

  /**
   * The health list as {@code GET /api/v1/health}; {@code gridFilter} narrows the caller's scope
   * to the nodes below that code (never widens it).
   */
  @SuppressWarnings("unchecked")
  public List<HealthRow> healthList(HubPrincipal caller, String state, String subject,
      String gridFilter, String after, int limit) {
    if (gridFilter == null || gridFilter.isBlank()) {
      List<Map<String, Object>> items = (List<Map<String, Object>>) healthApi
          .list(caller, state, subject, after == null ? "" : after, limit).get("items");
      return items.stream().map(DeviceConsole::row).toList();
    }
    // the same endpoint's checks first (roles, state, subject), then the narrowed scope in SQL
    healthApi.list(caller, state, subject, "", 1);
    GridScope narrowed = narrow(caller.scope(), gridFilter.strip());
    HealthState wanted = state == null || state.isBlank() ? null
        : HealthState.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
    Boolean gatewaysOnly = subject == null || subject.isBlank() ? null
        : subject.strip().equalsIgnoreCase("gateway");
    String a = after == null ? "" : after;
    int slash = a.indexOf('/');
    String afterGateway = slash < 0 ? a : a.substring(0, slash);
    String afterDevice = a.isEmpty() ? "" : slash < 0 ? "\uffff" : a.substring(slash + 1);
    return health.list(narrowed, wanted, gatewaysOnly, afterGateway, afterDevice, limit).stream()
        .map(s -> new HealthRow(s.gatewayId(), s.deviceId(), s.registryId(), s.gridCode(),
            s.state(), s.cause(), s.since())).toList();
  }

  /** {@code scope} ∩ "below {@code code}"; a bad code is a 400 naming the filter. */
  static GridScope narrow(GridScope scope, String code) {
    if (!org.gridguard.hub.value.GridCode.isValid(code)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "grid: "
          + org.gridguard.hub.value.GridCode.rule());
    }
    if (scope.covers(code)) {
      return GridScope.of(java.util.Set.of(code));
    }
    java.util.Set<String> below = new java.util.HashSet<>();
    for (String node : scope.nodes()) {
      if (node.startsWith(code)) {
        below.add(node);
      }
    }
    return below.isEmpty() ? GridScope.none() : GridScope.of(below);
  }

  /**
   * Resolves the gateway in the caller's scope now (404 outside it), so a background import can
   * be started only for a gateway the caller may write; the returned import runs later on
   * another thread in its own transaction, as {@code POST …/devices/import} does.
   */
  public PreparedImport prepareImport(HubPrincipal caller, String gatewayId) {
    return new PreparedImport(caller, devices.gateway(caller, gatewayId));
  }

  /** An import of one gateway's devices, ready to run. */
  public final class PreparedImport {
    private final HubPrincipal caller;
    private final Gateway gateway;

    private PreparedImport(HubPrincipal caller, Gateway gateway) {
      this.caller = caller;
      this.gateway = gateway;
    }

    public String gatewayId() {
      return gateway.id();
    }

    public DeviceImportReport run(String address, Reader in, boolean dryRun,
        ImportProgress progress) {
      return tx.execute(s -> {
        DeviceImportReport report = importer.importCsv(caller, address, gateway, in, dryRun,
            progress);
        if (!report.stored()) {
          s.setRollbackOnly();
        }
        return report;
      });
    }
  }

  /** The CSV export exactly as {@code GET …/devices/export} answers it. */
  public void export(HubPrincipal caller, String gatewayId,
      jakarta.servlet.http.HttpServletResponse response) throws IOException {
    csv.export(caller, gatewayId, response);
  }

  @SuppressWarnings("unchecked")
  private static Health health(Map<String, Object> answer) {
    List<HealthRepository.TransitionView> history =
        (List<HealthRepository.TransitionView>) answer.get("history");
    return new Health((HealthState) answer.get("state"), (String) answer.get("cause"),
        (Instant) answer.get("since"), history.stream()
            .map(t -> new Transition(t.from(), t.to(), t.cause(), t.at())).toList());
  }

  private static HealthRow row(Map<String, Object> m) {
    return new HealthRow((String) m.get("gatewayId"),
        m.containsKey("deviceId") ? (String) m.get("deviceId") : "", (Long) m.get("id"),
        (String) m.get("gridCode"), (HealthState) m.get("state"), (String) m.get("cause"),
        (Instant) m.get("since"));
  }
}
