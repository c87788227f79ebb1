package org.gridguard.edge.config;

import org.gridguard.protocol.MessageValidator;

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
    if (id == null || !MessageValidator.GATEWAY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "gateway id must be 1-64 characters of [A-Za-z0-9._-], was '" + id + "'");
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
    if (!id.isEmpty() && !MessageValidator.GATEWAY_ID.matcher(id).matches()) {
      node.problem("id", "must be 1-64 characters of [A-Za-z0-9._-], was '" + id + "'");
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
