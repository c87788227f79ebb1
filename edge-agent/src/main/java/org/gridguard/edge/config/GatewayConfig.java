package org.gridguard.edge.config;

import org.gridguard.protocol.Ids;

/**
 * The {@code gateway:} slice: who this gateway is at the hub.
 *
 * @param id gateway id as registered at the hub (PROTOCOL.md §2.4)
 * @param credential the per-gateway secret issued by the hub (YAML {@code credential}, or read
 *     from {@code credential_file}); empty when the hub identifies the gateway by its TLS client
 *     certificate
 */
public record GatewayConfig(String id, String credential) {
  public GatewayConfig {
    String problem = Ids.gatewayIdProblem(id);
    if (problem != null) {
      throw new IllegalArgumentException("gateway id " + problem);
    }
    if (credential == null || credential.length() > 512) {
      throw new IllegalArgumentException("credential must be at most 512 characters");
    }
  }

  @Override
  public String toString() {
    return "GatewayConfig[id=" + id + ", credential=" + (credential.isEmpty() ? "" : "***") + "]";
  }

  public static GatewayConfig from(ConfigNode node) {
    String id = node.string("id");
    String credential = node.string("credential", "");
    String credentialFile = node.string("credential_file", null);
    node.rejectUnknownKeys();
    if (credentialFile != null) {
      if (!credential.isEmpty()) {
        node.problem("credential_file", "set either credential or credential_file, not both");
      } else {
        try {
          credential = java.nio.file.Files.readString(java.nio.file.Path.of(credentialFile)).trim();
        } catch (java.io.IOException | RuntimeException e) {
          node.problem("credential_file", "cannot read '" + credentialFile + "': " + e);
        }
      }
    }
    if (!id.isEmpty() && !Ids.isGatewayId(id)) {
      node.problem("id", Ids.gatewayIdProblem(id));
    }
    if (credential.length() > 512) {
      node.problem("credential", "must be at most 512 characters");
    }
    if (!node.problems().isEmpty()) {
      return null;
    }
    return new GatewayConfig(id, credential);
  }
}
