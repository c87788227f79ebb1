package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The device-derived part of a gateway's edge agent YAML, from its registry entries, in the
 * agent's own keys: cameras become {@code video.cameras[]} (id, url, then their stored
 * {@link CameraSettings}), sensors and doors become {@code rules.devices.<id>} (a sensor's
 * {@code thresholds} and {@code expected_interval}; a door's {@code door_held_open} and
 * {@code expected_interval}); with the gateway's {@link EdgeProfile}, {@code mapping.presets},
 * {@code mapping.rules} and {@code rules.device_types} for the parts it manages. The gateway's
 * local sections (gateway, hub, spool, uplink, mqtt, the rest of mapping) are not part of it.
 * Devices are taken in device-id order, so the text — and its version — changes only when what
 * the edge gets changes.
 *
 * <p>A door's channels and a sensor's type and unit are registry information the edge YAML has
 * no key for; they are not emitted.
 */
@Component
class EdgeConfigAssembler {
  private static final Comparator<Device> BY_ID = Comparator.comparing(Device::deviceId);

  /**
   * @param yaml the document (UTF-8 text, LF line ends)
   * @param version first 16 hex digits of SHA-256 over the redacted document and a keyed
   *     fingerprint of every camera's stream URL, so it changes with a changed password but is
   *     not a hash of the password; the same for the redacted and the revealed document
   * @param credentialsRedacted whether stream passwords are {@code ***} in {@code yaml}
   */
  record Assembled(String yaml, String version, boolean credentialsRedacted, int cameras,
      int ruleDevices) {}

  private final DeviceSettingsJson settings;
  private final ObjectMapper json = new ObjectMapper();

  EdgeConfigAssembler(DeviceSettingsJson settings) {
    this.settings = settings;
  }

  /**
   * @param streams a camera's decrypted stream (empty when none is stored)
   * @param fingerprint a keyed fingerprint of a stream URL ({@link StreamCipher#fingerprint})
   * @param reveal put the stream URLs with their credentials into {@code yaml}
   * @throws InvalidDeviceException when a camera has no stored stream
   */
  Assembled assemble(String gatewayId, List<Device> devices,
      Function<Device, Optional<CameraStream>> streams, Function<String, String> fingerprint,
      boolean reveal) {
    return assemble(gatewayId, devices, EdgeProfile.none(gatewayId), streams, fingerprint,
        reveal);
  }

  /**
   * The same with the gateway's edge profile: {@code mapping.presets}, {@code mapping.rules} and
   * {@code rules.device_types} for the parts it manages (absent otherwise, so the edge keeps its
   * file's). The stored YAML is parsed and written again in this document's style: what the
   * edge reads is what it would read from the text, comments and layout are not pushed.
   *
   * @throws InvalidDeviceException also when the stored profile cannot be parsed
   */
  Assembled assemble(String gatewayId, List<Device> devices, EdgeProfile profile,
      Function<Device, Optional<CameraStream>> streams, Function<String, String> fingerprint,
      boolean reveal) {
    Map<String, Object> mapping = new LinkedHashMap<>();
    if (profile.mappingPresets() != null) {
      mapping.put("presets", profile.mappingPresets());
    }
    if (profile.mappingRules() != null) {
      mapping.put("rules", stored(profile.mappingRules(), "mapping.rules", gatewayId));
    }
    Object deviceTypes = profile.deviceTypeRules() == null ? null
        : stored(profile.deviceTypeRules(), "rules.device_types", gatewayId);
    List<Device> sorted = devices.stream().sorted(BY_ID).toList();
    Map<String, CameraStream> cameraStreams = new LinkedHashMap<>();
    for (Device d : sorted) {
      if (d.kind() == DeviceKind.CAMERA) {
        cameraStreams.put(d.deviceId(), streams.apply(d).orElseThrow(() ->
            new InvalidDeviceException("video.cameras[id=" + d.deviceId() + "].url",
                "the camera has no stored stream; set stream.url with PUT /api/v1/devices/"
                    + d.id())));
      }
    }
    Map<String, Object> ruleDevices = rulesDevices(sorted);
    String redacted = render(gatewayId, sorted, cameraStreams, ruleDevices, mapping, deviceTypes,
        false);
    StringBuilder basis = new StringBuilder(redacted);
    cameraStreams.forEach((id, s) -> basis.append("\n# stream ").append(id).append(' ')
        .append(fingerprint.apply(s.effectiveUrl())));
    String yaml = reveal ? render(gatewayId, sorted, cameraStreams, ruleDevices, mapping,
        deviceTypes, true) : redacted;
    return new Assembled(yaml, sha256(basis.toString()).substring(0, 16), !reveal,
        cameraStreams.size(), ruleDevices.size());
  }

  private String render(String gatewayId, List<Device> sorted,
      Map<String, CameraStream> cameraStreams, Map<String, Object> ruleDevices,
      Map<String, Object> mapping, Object deviceTypes, boolean reveal) {
    List<Map<String, Object>> cameras = new ArrayList<>();
    for (Device d : sorted) {
      if (d.kind() == DeviceKind.CAMERA) {
        CameraStream s = cameraStreams.get(d.deviceId());
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("id", d.deviceId());
        camera.put("url", reveal ? s.effectiveUrl() : s.redactedUrl());
        camera.putAll(tree(d.settings()));
        cameras.add(camera);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    if (!cameras.isEmpty()) {
      doc.put("video", Map.of("cameras", cameras));
    }
    Map<String, Object> rules = new LinkedHashMap<>();
    if (!ruleDevices.isEmpty()) {
      rules.put("devices", ruleDevices);
    }
    if (deviceTypes != null) {
      rules.put("device_types", deviceTypes);
    }
    if (!rules.isEmpty()) {
      doc.put("rules", rules);
    }
    if (!mapping.isEmpty()) {
      doc.put("mapping", mapping);
    }
    List<String> profileKeys = new ArrayList<>();
    mapping.keySet().forEach(k -> profileKeys.add("mapping." + k));
    if (deviceTypes != null) {
      profileKeys.add("rules.device_types");
    }
    String header = "# Edge configuration of gateway " + gatewayId + ", assembled by the GridGuard"
        + " hub from its device\n# registry (video.cameras, rules.devices)"
        + (profileKeys.isEmpty() ? ". The gateway's own sections (gateway, hub,\n# spool, uplink,"
            + " mqtt, mapping) are not part of it.\n"
            : " and its edge profile\n# (" + String.join(", ", profileKeys) + "). The "
            + "gateway's own sections\n# (gateway, hub, spool, uplink, mqtt, the rest of mapping) "
            + "are not part of it.\n")
        + (reveal || cameras.isEmpty() ? "" : "# Stream passwords are redacted (***).\n");
    return header + (doc.isEmpty() ? "" : yaml().dump(doc));
  }

  /** {@code rules.devices}: the entries of sensors and doors that set anything, by device id. */
  private Map<String, Object> rulesDevices(List<Device> sorted) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Device d : sorted) {
      Map<String, Object> all = d.kind() == DeviceKind.CAMERA ? Map.of() : tree(d.settings());
      Map<String, Object> entry = new LinkedHashMap<>();
      List<String> keys = d.kind() == DeviceKind.SENSOR
          ? List.of("thresholds", "expected_interval")
          : List.of("door_held_open", "expected_interval");
      for (String key : keys) {
        if (all.containsKey(key)) {
          entry.put(key, all.get(key));
        }
      }
      if (!entry.isEmpty()) {
        out.put(d.deviceId(), entry);
      }
    }
    return out;
  }

  /** A stored (validated) YAML text of the profile, parsed. */
  private static Object stored(String text, String key, String gatewayId) {
    try {
      return EdgeProfileValidator.parse(text, 1 << 20);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new InvalidDeviceException(key, "the stored edge profile of gateway " + gatewayId
          + " cannot be parsed (" + Checks.cut(e.getMessage()) + "); store it again with PUT "
          + "/api/v1/gateways/" + gatewayId + "/edge-profile");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> tree(DeviceSettings s) {
    return json.convertValue(settings.tree(s), LinkedHashMap.class);
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(100);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(new PointsInFlow(options), options);
  }

  /** Block style, except lists of plain values (points {@code [x, y]}), as the examples have. */
  private static final class PointsInFlow extends Representer {
    PointsInFlow(DumperOptions options) {
      super(options);
    }

    @Override
    protected Node representSequence(Tag tag, Iterable<?> sequence,
        DumperOptions.FlowStyle style) {
      boolean plain = true;
      for (Object item : sequence) {
        plain &= !(item instanceof Map || item instanceof Iterable);
      }
      return super.representSequence(tag, sequence, plain ? DumperOptions.FlowStyle.FLOW : style);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
