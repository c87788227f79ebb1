package org.gridguard.edge.managed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.config.ConfigProblems;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.video.CamerasConfig;

/** Camera configs for the managed tests, parsed by the real parser. */
final class Cameras {
  private Cameras() {
  }

  static Map<String, Object> camera(String id, String url) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("url", url);
    c.put("time_zone", "UTC");
    return c;
  }

  static Map<String, Object> withZone(Map<String, Object> camera, double top) {
    Map<String, Object> c = new LinkedHashMap<>(camera);
    c.put("zones", List.of(Map.of("name", "fence", "polygon",
        List.of(List.of(0.0, top), List.of(1.0, top), List.of(1.0, 1.0)))));
    return c;
  }

  @SafeVarargs
  static List<CameraConfig> parse(Map<String, Object>... cameras) {
    ConfigProblems problems = new ConfigProblems();
    CamerasConfig config = CamerasConfig.from(ConfigNode.root(
        Map.of("cameras", new ArrayList<>(List.of(cameras))), problems));
    problems.throwIfAny("test cameras");
    return config.cameras();
  }
}
