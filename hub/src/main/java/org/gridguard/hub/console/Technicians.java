package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;

/**
 * The technician screens' role sets — those of the REST endpoints they call (device readers and
 * writers, {@code DeviceController.READERS}/{@code WRITERS}) — and small helpers of their pages.
 */
final class Technicians {
  /** Who reads gateways, devices, health and orders on these pages (patrols do not). */
  static final String READERS = "hasAnyRole('ADMIN','TECHNICIAN','DISPATCHER','VIEWER')";
  /** Who registers, enrols, revokes, edits devices, imports and closes orders. */
  static final String WRITERS = "hasAnyRole('ADMIN','TECHNICIAN')";

  private Technicians() {}

  /** Whether to offer the write actions (the endpoints check again; this only hides buttons). */
  static boolean canWrite(HubPrincipal me) {
    return me != null && (me.has(Role.ADMIN) || me.has(Role.TECHNICIAN));
  }

  /** The hub as the edge agent's {@code --enrol} takes it: {@code host:port} means HTTPS. */
  static String hubAddress(HttpServletRequest request) {
    String hostPort = request.getServerName() + ":" + request.getServerPort();
    return request.isSecure() ? hostPort : request.getScheme() + "://" + hostPort;
  }

  /** A path segment for a redirect (ids are {@code [A-Za-z0-9._-]}, but never trust that). */
  static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String cut(String s) {
    return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
