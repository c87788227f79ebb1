package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.gridguard.hub.device.DeviceConsole;
import org.gridguard.hub.device.DeviceKind;
import org.gridguard.hub.device.DeviceView;
import org.gridguard.hub.device.HealthState;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A gateway's devices: add a camera (stream URL and credentials, write-only), a door (channels)
 * or a sensor (type, unit, thresholds, expected interval); edit one; one device's page with its
 * health history, the telemetry chart and the place of the camera preview. Writes go through
 * {@link DeviceConsole} (the REST controller): a refusal shows the form again with the reason
 * beside its field and everything typed kept, except the password.
 */
@Controller
class DevicePages {
  /** A device row: the device and its derived health (null = not derived yet). */
  public record Row(DeviceView device, HealthState health) {}

  private final DeviceConsole devices;

  DevicePages(DeviceConsole devices) {
    this.devices = devices;
  }

  @GetMapping("/console/gateways/{id}/devices/new")
  @PreAuthorize(Technicians.WRITERS)
  String newDevice(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @RequestParam(defaultValue = "CAMERA") String kind, Model model) {
    devices.devices(me, id, "", 1); // the gateway must be in scope: 404 as the API
    String k = kind.toUpperCase(Locale.ROOT);
    if (!Set.of("CAMERA", "DOOR", "SENSOR").contains(k)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "kind must be CAMERA, DOOR or SENSOR, was '" + Technicians.cut(kind) + "'");
    }
    return form(model, id, null, DeviceForm.empty(k), null, null);
  }

  @PostMapping("/console/gateways/{id}/devices")
  @PreAuthorize(Technicians.WRITERS)
  String create(@AuthenticationPrincipal HubPrincipal me, @PathVariable String id,
      @ModelAttribute DeviceForm form, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    DeviceView created;
    try {
      created = devices.create(me, id, form.input(), request);
    } catch (DeviceForm.FormProblem e) {
      response.setStatus(400);
      return form(model, id, null, form, e.field, e.getMessage());
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == 404) {
        throw e;
      }
      response.setStatus(e.getStatusCode().value());
      return form(model, id, null, form, DeviceForm.fieldOf(e.getReason()), e.getReason());
    }
    redirect.addFlashAttribute("added", created.deviceId());
    return "redirect:/console/gateways/" + Technicians.path(id);
  }

  @GetMapping("/console/devices/{id}")
  @PreAuthorize(Technicians.READERS)
  String device(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id, Model model) {
    DeviceView d = devices.device(me, id);
    model.addAttribute("d", d);
    model.addAttribute("health", devices.deviceHealth(me, id));
    model.addAttribute("metrics", metrics(d));
    model.addAttribute("canWrite", Technicians.canWrite(me));
    if (d.kind() == DeviceKind.CAMERA && Technicians.canWrite(me)) {
      model.addAttribute("previewWhy", d.preview() == null ? devices.whyNoPreview(me, id) : null);
    }
    return "console/tech/device";
  }

  @GetMapping("/console/devices/{id}/edit")
  @PreAuthorize(Technicians.WRITERS)
  String edit(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id, Model model) {
    DeviceView d = devices.device(me, id);
    return form(model, d.gatewayId(), d, DeviceForm.of(d), null, null);
  }

  @PostMapping("/console/devices/{id}")
  @PreAuthorize(Technicians.WRITERS)
  String update(@AuthenticationPrincipal HubPrincipal me, @PathVariable long id,
      @ModelAttribute DeviceForm form, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    DeviceView before = devices.device(me, id);
    try {
      devices.update(me, id, form.input(), request);
    } catch (DeviceForm.FormProblem e) {
      response.setStatus(400);
      return form(model, before.gatewayId(), before, form, e.field, e.getMessage());
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == 404) {
        throw e;
      }
      response.setStatus(e.getStatusCode().value());
      return form(model, before.gatewayId(), before, form, DeviceForm.fieldOf(e.getReason()),
          e.getReason());
    }
    redirect.addFlashAttribute("done", "tech.device.saved");
    return "redirect:/console/devices/" + id;
  }

  private static String form(Model model, String gatewayId, DeviceView existing, DeviceForm form,
      String errorField, String error) {
    model.addAttribute("gatewayId", gatewayId);
    model.addAttribute("existing", existing);
    model.addAttribute("form", form);
    model.addAttribute("errorField", errorField);
    model.addAttribute("error", error);
    model.addAttribute("kind", form.kind() == null ? "CAMERA"
        : form.kind().toUpperCase(Locale.ROOT));
    return "console/tech/device-form";
  }

  /** Metrics worth offering for the chart: a sensor's threshold metrics and its type. */
  static Set<String> metrics(DeviceView d) {
    Set<String> out = new LinkedHashSet<>();
    if (d.kind() == DeviceKind.SENSOR && d.settings() != null) {
      d.settings().path("thresholds").forEach(t -> out.add(t.path("metric").asText()));
      if (d.settings().hasNonNull("sensor_type")) {
        out.add(d.settings().get("sensor_type").asText());
      }
    }
    if (out.isEmpty()) {
      out.add("value");
    }
    return out;
  }
}
