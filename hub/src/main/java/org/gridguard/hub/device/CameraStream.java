package org.gridguard.hub.device;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a camera's video comes from, with its credentials: held only to be encrypted
 * ({@link StreamCipher}) and pushed to the edge. {@link #toString()} and {@link #redactedUrl()}
 * never show the password; nothing returns this record through an API.
 *
 * @param url {@code rtsp://}, {@code rtsps://}, {@code http(s)://} (MJPEG); may carry
 *     {@code user:password@}
 * @param username separate user name, or null
 * @param password separate password, or null
 */
record CameraStream(String url, String username, String password) {
  private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

  CameraStream {
    if (url == null || url.isBlank()) {
      throw new InvalidDeviceException("stream.url", "is required for a camera");
    }
    url = url.strip();
    if (url.length() > 1024) {
      throw new InvalidDeviceException("stream.url", "must be at most 1024 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidDeviceException("stream.url", "is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
      throw new InvalidDeviceException("stream.url",
          "must be rtsp://, rtsps://, http:// or https:// with a host, was " + redact(url));
    }
    username = username == null || username.isEmpty() ? null : username;
    password = password == null || password.isEmpty() ? null : password;
    if (username != null && username.length() > 128 || password != null && password.length() > 256) {
      throw new InvalidDeviceException("stream", "user name at most 128, password at most 256 characters");
    }
  }

  /** The URL the edge opens, with the password replaced by {@code ***}. */
  String redactedUrl() {
    return redact(effectiveUrl());
  }

  boolean hasCredentials() {
    return password != null || username != null || new UriInfo(url).userInfo != null;
  }

  /** The URL the edge opens: credentials given separately are put into it. */
  String effectiveUrl() {
    if (username == null && password == null) {
      return url;
    }
    try {
      URI u = new URI(url);
      String info = (username == null ? "" : username) + (password == null ? "" : ":" + password);
      return new URI(u.getScheme(), info, u.getHost(), u.getPort(), u.getPath(), u.getQuery(),
          u.getFragment()).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("stream URL became invalid", e);
    }
  }

  static String redact(String url) {
    UriInfo info = new UriInfo(url);
    if (info.userInfo == null) {
      return url;
    }
    int colon = info.userInfo.indexOf(':');
    String shown = colon < 0 ? info.userInfo : info.userInfo.substring(0, colon) + ":***";
    return url.substring(0, info.start) + shown + url.substring(info.end);
  }

  @Override
  public String toString() {
    return "CameraStream[" + redactedUrl() + (password != null ? ", password ***" : "") + "]";
  }

  /** Where {@code user:password} sits in a URL's authority, found without a URI parser. */
  private static final class UriInfo {
    final String userInfo;
    final int start;
    final int end;

    UriInfo(String url) {
      int scheme = url.indexOf("://");
      int s = scheme < 0 ? 0 : scheme + 3;
      int slash = url.indexOf('/', s);
      int authorityEnd = slash < 0 ? url.length() : slash;
      int at = url.lastIndexOf('@', authorityEnd - 1);
      if (at >= s) {
        userInfo = url.substring(s, at);
        start = s;
        end = at;
      } else {
        userInfo = null;
        start = end = -1;
      }
    }
  }
}
