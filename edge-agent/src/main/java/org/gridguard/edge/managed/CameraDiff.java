package org.gridguard.edge.managed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.detect.CameraConfig;

/**
 * What a new camera list changes, by camera id: cameras to start, to stop, to restart (any
 * setting differs: URL, zones, detection …) and those that keep running untouched.
 */
record CameraDiff(List<CameraConfig> added, List<CameraConfig> removed,
    List<CameraConfig> changed, List<String> unchanged) {
  CameraDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
    unchanged = List.copyOf(unchanged);
  }

  static CameraDiff between(List<CameraConfig> running, List<CameraConfig> wanted) {
    Map<String, CameraConfig> before = new LinkedHashMap<>();
    running.forEach(c -> before.put(c.id(), c));
    List<CameraConfig> added = new ArrayList<>();
    List<CameraConfig> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (CameraConfig c : wanted) {
      CameraConfig old = before.remove(c.id());
      if (old == null) {
        added.add(c);
      } else if (old.equals(c)) {
        unchanged.add(c.id());
      } else {
        changed.add(c);
      }
    }
    return new CameraDiff(added, new ArrayList<>(before.values()), changed, unchanged);
  }

  boolean camerasChange() {
    return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
  }

  static List<String> ids(List<CameraConfig> cameras) {
    return cameras.stream().map(CameraConfig::id).toList();
  }
}
