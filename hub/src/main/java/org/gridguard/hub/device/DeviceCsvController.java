package org.gridguard.hub.device;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * CSV import and export of a gateway's devices ({@link DeviceCsv}). An import answers its
 * report: 200 when stored (or a clean dry run), 422 with the problems otherwise.
 */
@RestController
class DeviceCsvController {
  private final DeviceController devices;
  private final DeviceImporter importer;
  private final DeviceRepository repository;
  private final DeviceSettingsJson settings;

  DeviceCsvController(DeviceController devices, DeviceImporter importer,
      DeviceRepository repository, DeviceSettingsJson settings) {
    this.devices = devices;
    this.importer = importer;
    this.repository = repository;
    this.settings = settings;
  }

  @PostMapping("/api/v1/gateways/{id}/devices/import")
  @PreAuthorize(DeviceController.WRITERS)
  @Transactional
  ResponseEntity<DeviceImportReport> importCsv(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean dryRun,
      HttpServletRequest request) {
    Gateway gateway = devices.gateway(caller, id);
    String type = request.getContentType();
    if (type != null && (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        || type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE))) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the file itself "
          + "as the request body (Content-Type text/csv), not as a form; curl: "
          + "--data-binary @devices.csv -H 'Content-Type: text/csv'");
    }
    DeviceImportReport report;
    try {
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      report = importer.importCsv(caller, ClientAddress.of(request), gateway,
          new InputStreamReader(request.getInputStream(), decoder), dryRun);
    } catch (IOException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "could not read the request "
          + "body: " + e.getMessage(), e);
    }
    return report.problemCount() == 0 ? ResponseEntity.ok(report)
        : ResponseEntity.unprocessableEntity().body(report);
  }

  /** Every device of the gateway in the caller's scope; stream columns stay empty. */
  @GetMapping("/api/v1/gateways/{id}/devices/export")
  @PreAuthorize(DeviceController.READERS)
  void export(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String id,
      HttpServletResponse response) throws IOException {
    Gateway gateway = devices.gateway(caller, id);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + gateway.id()
        + "-devices.csv\"");
    Writer out = response.getWriter();
    out.write(DeviceCsv.HEADER + "\r\n");
    String after = "";
    while (true) {
      var page = repository.list(gateway.id(), caller.scope(), after, 500);
      for (Device d : page) {
        out.write(DeviceCsv.row(d, settings));
      }
      if (page.size() < 500) {
        break;
      }
      after = page.get(page.size() - 1).deviceId();
    }
    out.flush();
  }
}
