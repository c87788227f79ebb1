package org.gridguard.edge.source.camera;

import java.util.regex.Pattern;

/**
 * Keeps camera credentials out of everything people and machines read: log lines, alarm details
 * stored at the hub, metrics. {@code rtsp://user:secret@10.0.0.2/s1} becomes
 * {@code rtsp://***@10.0.0.2/s1} wherever a URL appears in a text (JavaCV and FFmpeg put the
 * whole URL in their messages), and JavaCV's hints meant for developers are dropped.
 */
public final class Redaction {
  /** scheme://userinfo@ — userinfo is anything up to the first @ that contains no / or space. */
  private static final Pattern USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s\"'@]*@");
  private static final Pattern DEVELOPER_HINTS = Pattern.compile(
      "\\s*\\((Has setFormat\\(\\) been called\\?|For more details[^)]*)\\)");

  private Redaction() {}

  /** The text with the user info of every URL in it replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return USERINFO.matcher(text).replaceAll("$1***@");
  }

  /**
   * A stream error for the people at the hub: credentials redacted, the password of
   * {@code url} removed even where it stands alone (FFmpeg may print it URL-decoded), developer
   * hints dropped.
   */
  public static String forPeople(String text, String url) {
    if (text == null) {
      return null;
    }
    String out = DEVELOPER_HINTS.matcher(redact(text)).replaceAll("");
    String secret = url == null ? null : secretOf(url);
    if (secret != null && secret.length() >= 3) {
      out = out.replace(secret, "***");
      String decoded = decode(secret);
      if (decoded.length() >= 3) {
        out = out.replace(decoded, "***");
      }
    }
    return out.strip();
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The password (or token) part of a URL's user info, as written; null when none. */
  static String secretOf(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int at = url.indexOf('@', scheme + 3);
    int slash = url.indexOf('/', scheme + 3);
    if (at < 0 || slash >= 0 && slash < at) {
      return null;
    }
    String info = url.substring(scheme + 3, at);
    int colon = info.indexOf(':');
    return colon < 0 ? info : info.substring(colon + 1);
  }
}
