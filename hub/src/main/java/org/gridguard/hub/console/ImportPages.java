package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * CSV import of a gateway's devices from the console: the upload (with "dry run") starts an
 * {@link ImportJobs} job and answers its progress fragment, which polls itself every half second
 * until the job is done and then shows the per-row report (line, column, reason). The export is
 * the REST export, streamed.
 */
@Controller
class ImportPages {
  private final DeviceConsole devices;
  private final ImportJobs jobs;

  ImportPages(DeviceConsole devices, ImportJobs jobs) {
    this.devices = devices;
    this.jobs = jobs;
  }

  @GetMapping("/console/gateways/{id}/import")
  @PreAuthorize(Technicians.WRITERS)
  String form(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id, Model model) {
    model.addAttribute("gatewayId", devices.prepareImport(me, id).gatewayId());
    return "console/tech/import";
  }

  /** Starts the import; htmx gets the progress fragment, a plain form post the whole page. */
  @PostMapping("/console/gateways/{id}/devices/import")
  @PreAuthorize(Technicians.WRITERS)
  String upload(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(value = "file", required = false) MultipartFile file,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestHeader(value = "HX-Request", required = false) String htmx,
      HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
    DeviceConsole.PreparedImport prepared = devices.prepareImport(me, id);
    model.addAttribute("gatewayId", prepared.gatewayId());
    if (file == null || file.isEmpty()) {
      response.setStatus(400);
      model.addAttribute("uploadError", "tech.import.noFile");
      return htmx != null ? "console/tech/import :: upload-result" : "console/tech/import";
    }
    ImportJobs.Job job;
    try {
      job = jobs.start(me.username(), ClientAddress.of(request), prepared, file.getInputStream(),
          dryRun);
    } catch (ResponseStatusException e) {
      response.setStatus(e.getStatusCode().value());
      model.addAttribute("uploadError", "tech.import.busy");
      return htmx != null ? "console/tech/import :: upload-result" : "console/tech/import";
    }
    response.setStatus(HttpStatus.ACCEPTED.value());
    model.addAttribute("job", job);
    return htmx != null ? "console/tech/import :: upload-result" : "console/tech/import";
  }

  /** The job's progress, or its report once done; only for the user who started it. */
  @GetMapping("/console/imports/{job}")
  @PreAuthorize(Technicians.WRITERS)
  String progress(@AuthenticationPrincipal HubPrincipal me, @PathVariable String job,
      @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
    ImportJobs.Job found = jobs.find(me.username(), job).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no import '" + Technicians.cut(job)
            + "' (finished imports are kept for gridguard.console.tech.import-keep; one "
            + "started on another hub instance is not known here)"));
    model.addAttribute("job", found);
    model.addAttribute("gatewayId", found.gatewayId());
    return htmx != null ? "console/tech/import :: progress" : "console/tech/import";
  }

  @GetMapping("/console/gateways/{id}/devices/export")
  @PreAuthorize(Technicians.READERS)
  void export(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      HttpServletResponse response) throws IOException {
    devices.export(me, id, response);
  }
}
