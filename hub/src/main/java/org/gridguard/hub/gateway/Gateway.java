package org.gridguard.hub.gateway;

import java.util.Objects;
import org.gridguard.protocol.MessageValidator;

/** A registered gateway. The credential is only ever held as its hash. */
public record Gateway(String id, String credentialHash, String gridCode, boolean revoked) {
  public Gateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(credentialHash, "credentialHash");
    Objects.requireNonNull(gridCode, "gridCode");
    if (!MessageValidator.GATEWAY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "gateway id must be 1-64 chars of [A-Za-z0-9._-], was '" + id + "'");
    }
    if (!gridCode.matches("[0-9A-Za-z._-]{1,32}")) {
      throw new IllegalArgumentException(
          "grid code must be 1-32 chars of [0-9A-Za-z._-], was '" + gridCode + "'");
    }
  }
}
