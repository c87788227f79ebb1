package org.gridguard.hub.device;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.evidence.EvidenceResponses;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A camera's preview for the technician installing it: "snapshot now", then the picture
 * ({@link CameraPreviews}). Technicians and admins; every view is audited.
 */
@RestController
@Tag(name = "camera preview", description = "snapshot now and the camera's latest picture")
class CameraPreviewController {
  private final CameraPreviews previews;
  private final AuditLog audit;

  CameraPreviewController(CameraPreviews previews, AuditLog audit) {
    this.previews = previews;
    this.audit = audit;
  }

  @PostMapping("/api/v1/devices/{id}/snapshot")
  @PreAuthorize(DeviceController.WRITERS)
  @Operation(summary = "ask the camera's gateway for a snapshot now",
      description = "sends Command{request_snapshot} to the gateway's live session, on this hub "
          + "instance at once (delivery: sent) or through the database by the instance that "
          + "holds it (delivery: queued); the picture arrives as evidence and becomes the "
          + "camera's preview (GET …/preview). Audited as device.snapshot.",
      responses = {@ApiResponse(responseCode = "202", description = "sent or queued"),
          @ApiResponse(responseCode = "404", description = "no such device in your scope"),
          @ApiResponse(responseCode = "409", description = "not a camera; gateway connected to "
              + "no hub instance, or its session here without command.v1; a request still "
              + "pending")})
  ResponseEntity<CameraPreviews.Requested> snapshot(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable long id, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(previews.request(caller, id, ClientAddress.of(request)));
  }

  @GetMapping("/api/v1/devices/{id}/preview")
  @PreAuthorize(DeviceController.WRITERS)
  @Operation(summary = "the camera's latest snapshot picture",
      description = "the image with its stored content type (byte ranges supported); audited "
          + "as device.preview.view. 404 says why there is none yet.",
      responses = {@ApiResponse(responseCode = "200", description = "the picture"),
          @ApiResponse(responseCode = "404", description = "no such device in your scope, or no "
              + "preview yet"),
          @ApiResponse(responseCode = "410", description = "the picture was purged by retention")})
  ResponseEntity<FileSystemResource> preview(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable long id, HttpServletRequest request) {
    CameraPreviews.Preview p = previews.latest(caller, id).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, previews.whyNone(caller, id)));
    return EvidenceResponses.file(p.file(), p.contentType(), () ->
        audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request),
            "device.preview.view", "evidence", p.gatewayId() + "/" + p.evidenceId())));
  }

  /** Why there is no preview (for the console, which shows it instead of a broken image). */
  @PreAuthorize(DeviceController.WRITERS)
  String whyNone(HubPrincipal caller, long id) {
    return previews.whyNone(caller, id);
  }
}
