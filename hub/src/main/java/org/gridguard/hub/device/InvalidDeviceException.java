package org.gridguard.hub.device;

/** A device field that is wrong: which one (a path like {@code settings.zones[0].polygon}) and why. */
final class InvalidDeviceException extends IllegalArgumentException {
  private final String field;
  private final String reason;

  InvalidDeviceException(String field, String reason) {
    super(field == null ? reason : field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  String field() {
    return field;
  }

  String reason() {
    return reason;
  }

  /** The same problem one level down, e.g. {@code zones[0].polygon} under {@code settings}. */
  InvalidDeviceException under(String parent) {
    return new InvalidDeviceException(field == null ? parent : parent + "." + field, reason);
  }
}
