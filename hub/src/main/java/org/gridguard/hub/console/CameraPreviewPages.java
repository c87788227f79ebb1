package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A camera's preview on its device page: "snapshot now" asks the gateway for a picture (the
 * same {@code POST /api/v1/devices/{id}/snapshot}), the page then shows the latest one (the same
 * audited {@code GET …/preview}). Technicians and admins, as the API.
 */
@Controller
class CameraPreviewPages {
  private final DeviceConsole devices;

  CameraPreviewPages(DeviceConsole devices) {
    this.devices = devices;
  }

  @PostMapping("/console/devices/{id}/snapshot")
  @PreAuthorize(Technicians.WRITERS)
  String snapshot(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      HttpServletRequest request, RedirectAttributes redirect) {
    try {
      devices.snapshot(me, id, request);
      redirect.addFlashAttribute("done", "tech.preview.requested");
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == 404) {
        throw e;
      }
      redirect.addFlashAttribute("previewError", e.getReason());
    }
    return "redirect:/console/devices/" + id;
  }

  @GetMapping("/console/devices/{id}/preview")
  @PreAuthorize(Technicians.WRITERS)
  ResponseEntity<FileSystemResource> preview(@AuthenticationPrincipal HubPrincipal me,
      @PathVariable long id, HttpServletRequest request) {
    return devices.preview(me, id, request);
  }
}
