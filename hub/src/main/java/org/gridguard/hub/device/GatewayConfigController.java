package org.gridguard.hub.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/gateways/{id}/config}: the device-derived edge agent YAML the hub would push
 * to the gateway ({@link EdgeConfigAssembler}), for technicians and admins. The gateway is looked
 * up in the caller's scope (404 outside it); a gateway with devices in grids outside the caller's
 * scope answers 403 rather than a partial document. Stream passwords are {@code ***} unless
 * {@code reveal=true}, which is audited ({@code gateway.config.reveal}) and never logged.
 */
@RestController
@Tag(name = "gateway config", description = "the edge configuration the hub assembles from the "
    + "device registry")
class GatewayConfigController {
  /** The assembled document and its content version (also the ETag). */
  record ConfigView(String gatewayId, String version, boolean credentialsRedacted, int cameras,
      int ruleDevices, String yaml) {}

  private final GatewayRepository gateways;
  private final DeviceRepository devices;
  private final DeviceRegistry registry;
  private final StreamCipher cipher;
  private final EdgeConfigAssembler assembler;
  private final EdgeProfileRepository profiles;
  private final AuditLog audit;

  GatewayConfigController(GatewayRepository gateways, DeviceRepository devices,
      DeviceRegistry registry, StreamCipher cipher, EdgeConfigAssembler assembler,
      EdgeProfileRepository profiles, AuditLog audit) {
    this.gateways = gateways;
    this.devices = devices;
    this.registry = registry;
    this.cipher = cipher;
    this.assembler = assembler;
    this.profiles = profiles;
    this.audit = audit;
  }

  @GetMapping("/api/v1/gateways/{id}/config")
  @PreAuthorize(DeviceController.WRITERS)
  @Transactional
  @Operation(summary = "the device-derived edge agent YAML the hub would push to this gateway",
      description = "video.cameras from its cameras, rules.devices from its sensors and doors, in "
          + "device-id order; mapping.presets, mapping.rules and rules.device_types from its edge "
          + "profile when set (GET /api/v1/gateways/{id}/edge-profile); the local sections (gateway, hub, spool, …) are not included. "
          + "`version` (16 hex) is also the ETag: If-None-Match with it answers 304. Stream "
          + "passwords are *** unless reveal=true (audited as gateway.config.reveal). 403 when "
          + "some of the gateway's devices stand in grids outside your scope.",
      responses = {@ApiResponse(responseCode = "200", description = "the document"),
          @ApiResponse(responseCode = "304", description = "unchanged since If-None-Match"),
          @ApiResponse(responseCode = "404", description = "no such gateway in your scope")})
  ResponseEntity<ConfigView> get(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id,
      @Parameter(description = "include stream credentials (audited)")
      @RequestParam(defaultValue = "false") boolean reveal,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      HttpServletRequest request) {
    Gateway gateway = gateways.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no gateway '" + Checks.cut(id) + "'"));
    List<Device> all = devices.allOf(gateway.id());
    long inScope = devices.count(gateway.id(), caller.scope());
    if (inScope < all.size()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "gateway " + gateway.id() + " has "
          + (all.size() - inScope) + " device(s) in grids outside your grid scope; its "
          + "configuration can be read by a user whose scope covers all of its devices");
    }
    EdgeConfigAssembler.Assembled config;
    try {
      config = assembler.assemble(gateway.id(), all, profiles.of(gateway.id()), registry::stream,
          url -> cipher.fingerprint(url, "stream-url"), reveal);
    } catch (InvalidDeviceException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
    String etag = "\"" + config.version() + "\"";
    CacheControl cache = reveal ? CacheControl.noStore() : CacheControl.noCache().cachePrivate();
    if (matches(ifNoneMatch, config.version())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
    }
    if (reveal) {
      audit.record(new AuditEntry(caller.username(), ClientAddress.of(request),
          "gateway.config.reveal", "gateway", gateway.id(), AuditEntry.SUCCESS, null, null,
          "version " + config.version() + ", " + config.cameras() + " camera stream(s)"));
    }
    return ResponseEntity.ok().eTag(etag).cacheControl(cache).body(new ConfigView(gateway.id(),
        config.version(), config.credentialsRedacted(), config.cameras(), config.ruleDevices(),
        config.yaml()));
  }

  /** RFC 9110 If-None-Match: a list of (weak or strong) entity tags, or {@code *}. */
  static boolean matches(String ifNoneMatch, String version) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("\"" + version + "\"")) {
        return true;
      }
    }
    return false;
  }
}
