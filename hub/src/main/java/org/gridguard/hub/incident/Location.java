package org.gridguard.hub.incident;

/** WGS-84 coordinates as given with a report or an alarm. */
final class Location {
  private Location() {}

  /** @throws IllegalArgumentException naming what is wrong with the pair */
  static void check(Double lat, Double lon) {
    if ((lat == null) != (lon == null)) {
      throw new IllegalArgumentException("lat, lon: give both or neither");
    }
    if (lat != null && !(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException("lat: must be between -90 and 90, was " + lat);
    }
    if (lon != null && !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("lon: must be between -180 and 180, was " + lon);
    }
  }
}
