package org.gridguard.edge.uplink;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.edge.config.ConfigNode;

/**
 * The {@code hub:} slice: where the hub listens and how to reach it.
 *
 * @param tls {@code null} for a plain TCP connection (local runs and tests only)
 */
public record HubAddress(String host, int port, Tls tls) {
  public HubAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("hub host is required");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("hub port must be within [1, 65535], was " + port);
    }
  }

  /**
   * TLS settings.
   *
   * @param caFile PEM CA certificates to trust; {@code null} = the JVM's default trust store
   * @param certificateFile PEM client certificate for mutual TLS, or {@code null}
   * @param keyFile PKCS#8 PEM private key of the client certificate, or {@code null}
   * @param verifyHostname check the hub certificate's name against {@code host}
   */
  public record Tls(Path caFile, Path certificateFile, Path keyFile, boolean verifyHostname) {
    public Tls {
      if ((certificateFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException(
            "a client certificate needs both certificate_file and key_file");
      }
    }
  }

  public static HubAddress from(ConfigNode node) {
    String host = node.string("host");
    int port = (int) node.integer("port", 7443, 1, 65_535);
    ConfigNode tlsNode = node.child("tls");
    Tls tls = null;
    boolean enabled = tlsNode.flag("enabled", true);
    Path ca = file(tlsNode, "ca_file");
    Path cert = file(tlsNode, "certificate_file");
    Path key = file(tlsNode, "key_file");
    boolean verify = tlsNode.flag("verify_hostname", true);
    tlsNode.rejectUnknownKeys();
    node.rejectUnknownKeys();
    if ((cert == null) != (key == null)) {
      tlsNode.problem(cert == null ? "certificate_file" : "key_file",
          "is required when " + (cert == null ? "key_file" : "certificate_file") + " is set");
    }
    if (!node.problems().isEmpty()) {
      return null;
    }
    if (enabled) {
      tls = new Tls(ca, cert, key, verify);
    }
    return new HubAddress(host, port, tls);
  }

  private static Path file(ConfigNode node, String key) {
    String value = node.string(key, null);
    if (value == null) {
      return null;
    }
    Path p = Path.of(value);
    if (!Files.isReadable(p)) {
      node.problem(key, "file '" + value + "' does not exist or is not readable");
    }
    return p;
  }
}
