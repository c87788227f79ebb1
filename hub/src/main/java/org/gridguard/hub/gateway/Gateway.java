package org.gridguard.hub.gateway;

import java.util.Objects;
import org.gridguard.protocol.Ids;

/** A registered gateway. The credential is only ever held as its hash. */
public record Gateway(String id, String credentialHash, String gridCode, boolean revoked) {
  public Gateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(credentialHash, "credentialHash");
    Objects.requireNonNull(gridCode, "gridCode");
    String problem = Ids.gatewayIdProblem(id);
    if (problem != null) {
      // the id names the gateway's evidence directory: never '.', '..' or hidden (PROTOCOL.md §2.4)
      throw new IllegalArgumentException("gateway id " + problem);
    }
    if (!gridCode.matches("[0-9A-Za-z._-]{1,32}")) {
      throw new IllegalArgumentException(
          "grid code must be 1-32 chars of [0-9A-Za-z._-], was '" + gridCode + "'");
    }
  }
}
