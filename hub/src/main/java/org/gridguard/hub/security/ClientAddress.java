package org.gridguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's address for limits and the audit log: the socket's peer. Behind a reverse proxy,
 * set {@code server.forward-headers-strategy=native} so Tomcat puts the proxy's
 * {@code X-Forwarded-For} here; the header is never trusted otherwise.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    return address == null || address.length() <= 64 ? address : address.substring(0, 64);
  }
}
