package org.gridguard.hub.device;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The edge profile as the console's technician pages use it: every call goes through
 * {@link EdgeProfileController} (its roles, grid scope, validation, transaction and audit are
 * exactly the API's); a refusal comes back as the validator's problems.
 */
@Component
public class EdgeProfileConsole {
  private final EdgeProfileController api;

  EdgeProfileConsole(EdgeProfileController api) {
    this.api = api;
  }

  /** The shipped presets, with their topics and descriptions. */
  public List<MappingPresets.Preset> presets() {
    return api.presets().get("items");
  }

  /** @throws org.springframework.web.server.ResponseStatusException 404 outside the scope */
  public EdgeProfileView profile(HubPrincipal caller, String gatewayId) {
    return api.get(caller, gatewayId);
  }

  /**
   * @param presets the ticked presets; none ticked = not managed (the gateway's file decides)
   * @param mappingRules blank = not managed
   * @param deviceTypeRules blank = not managed
   * @throws InvalidProfileException with every problem; nothing is stored
   */
  public EdgeProfileView save(HubPrincipal caller, String gatewayId, List<String> presets,
      String mappingRules, String deviceTypeRules, HttpServletRequest request) {
    try {
      return api.put(caller, gatewayId, new EdgeProfileInput(
          presets == null || presets.isEmpty() ? null : presets, mappingRules, deviceTypeRules),
          request);
    } catch (ErrorResponseException e) {
      if (e.getCause() instanceof InvalidProfileException invalid) {
        throw invalid;
      }
      throw e;
    }
  }
}
