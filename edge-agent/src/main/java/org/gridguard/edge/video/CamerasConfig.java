package org.gridguard.edge.video;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.detect.ClipConfig;
import org.gridguard.edge.detect.DetectConfig;
import org.gridguard.edge.detect.Schedule;
import org.gridguard.edge.detect.ZoneConfig;
import org.gridguard.edge.source.camera.CameraStream;
import org.gridguard.edge.source.camera.Polygon;

/**
 * The {@code video} slice of the agent configuration: cameras and evidence settings. Parsing
 * never stops at the first problem; every problem lands in the node's {@code ConfigProblems}
 * with its path (see {@code deploy/edge-agent.example.yml}).
 */
public record CamerasConfig(List<CameraConfig> cameras, EvidenceSettings evidence) {

  /** Snapshot evidence: JPEG quality and the bounded queue of snapshots waiting to be encoded. */
  public record EvidenceSettings(double jpegQuality, int queueCapacity, int chunkBytes) {
    public EvidenceSettings {
      if (!(jpegQuality > 0 && jpegQuality <= 1)) {
        throw new IllegalArgumentException("jpeg_quality must be within (0, 1]");
      }
      if (chunkBytes < 1024 || chunkBytes > 256 * 1024) {
        throw new IllegalArgumentException("chunk size must be within [1 KiB, 256 KiB]");
      }
    }
  }

  public CamerasConfig {
    cameras = List.copyOf(cameras);
  }

  /** No camera, default evidence settings: a gateway whose file has no {@code video}. */
  public static CamerasConfig none() {
    return new CamerasConfig(List.of(), new EvidenceSettings(0.85, 16, 256 * 1024));
  }

  public static CamerasConfig from(ConfigNode video) {
    ConfigNode ev = video.child("evidence");
    EvidenceSettings evidence = new EvidenceSettings(
        ev.number("jpeg_quality", 0.85, 0.05, 1.0),
        (int) ev.integer("queue", 16, 1, 1024),
        (int) ev.bytes("chunk_size", 256 * 1024, 1024, 256 * 1024));
    ev.rejectUnknownKeys();
    List<CameraConfig> cameras = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode cam : video.list("cameras")) {
      CameraConfig parsed = camera(cam);
      if (parsed != null) {
        if (!ids.add(parsed.id())) {
          cam.problem("id", "duplicate camera id '" + parsed.id() + "'");
        }
        cameras.add(parsed);
      }
    }
    video.rejectUnknownKeys();
    return new CamerasConfig(cameras, evidence);
  }

  private static CameraConfig camera(ConfigNode c) {
    int before = c.problems().list().size();
    String id = c.string("id");
    String url = c.string("url");
    String transport = c.oneOf("transport", "tcp", List.of("tcp", "udp"));
    double fps = c.number("analysis_fps", 5, 0, Double.MAX_VALUE); // judged by CameraConfig
    int[] size = size(c, "analysis_size", new int[] {320, 180});
    boolean keyframes = c.flag("keyframes_only", false);
    Duration io = c.duration("io_timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
        Duration.ofMinutes(1));
    Duration watchdog = c.duration("no_frame_timeout", Duration.ofSeconds(5),
        Duration.ofMillis(500), Duration.ofMinutes(5));
    ConfigNode backoff = c.child("reconnect_backoff");
    Duration bMin = backoff.duration("min", Duration.ofSeconds(1), Duration.ofMillis(10),
        Duration.ofMinutes(1));
    Duration bMax = backoff.duration("max", Duration.ofSeconds(30), Duration.ofMillis(10),
        Duration.ofMinutes(10));
    backoff.rejectUnknownKeys();
    // A file is decoded as fast as it goes: its own timestamps are its time. A camera: the clock.
    String defaultTiming = url.isEmpty() || CameraStream.isLive(url) ? "wall" : "stream";
    boolean streamTiming = "stream".equals(c.oneOf("timing", defaultTiming,
        List.of("wall", "stream")));
    boolean snapshots = c.flag("snapshots", true);
    ConfigNode clipNode = c.child("clip");
    ClipConfig clip = new ClipConfig(clipNode.flag("enabled", false),
        clipNode.duration("pre", ClipConfig.OFF.pre(), Duration.ZERO, Duration.ofSeconds(30)),
        clipNode.duration("post", ClipConfig.OFF.post(), Duration.ZERO, Duration.ofSeconds(30)));
    clipNode.rejectUnknownKeys();
    Map<String, String> options = new LinkedHashMap<>();
    ConfigNode opts = c.child("ffmpeg_options");
    for (String k : opts.keys()) {
      options.put(k, opts.string(k, ""));
    }
    String tz = c.string("time_zone", ZoneId.systemDefault().getId());
    try {
      ZoneId.of(tz);
    } catch (RuntimeException e) {
      c.problem("time_zone", "unknown time zone '" + tz + "'");
      tz = ZoneId.systemDefault().getId();
    }
    DetectConfig detect = detect(c.child("detect"));
    List<ZoneConfig> zones = new ArrayList<>();
    for (ConfigNode z : c.list("zones")) {
      ZoneConfig zone = zone(z);
      if (zone != null) {
        zones.add(zone);
      }
    }
    c.rejectUnknownKeys();
    if (id.isEmpty() || url.isEmpty()) {
      return null; // "is required" already said
    }
    String zoneId = tz;
    CameraConfig built = c.build(() -> new CameraConfig(new CameraStream(id, url, transport, fps,
        size[0], size[1], keyframes, io, watchdog, bMin, bMax, streamTiming, options), snapshots,
        clip, detect, zones, zoneId));
    return c.problems().list().size() > before ? null : built;
  }

  private static DetectConfig detect(ConfigNode d) {
    DetectConfig x = DetectConfig.DEFAULTS;
    Duration max = Duration.ofHours(1);
    Duration min = Duration.ofMillis(100);
    DetectConfig out = new DetectConfig(
        d.duration("learn", x.learn(), Duration.ofSeconds(1), max),
        d.duration("clear_after", x.clearAfter(), min, max),
        d.duration("video_loss_after", x.videoLossAfter(), min, Duration.ofSeconds(10)),
        d.duration("frozen_after", x.frozenAfter(), min, max),
        d.duration("covered_after", x.coveredAfter(), min, max),
        d.number("covered_edge_ratio", x.coveredEdgeRatio(), 0.01, 0.9),
        d.duration("defocus_after", x.defocusAfter(), min, max),
        d.number("defocus_ratio", x.defocusRatio(), 0.01, 0.95),
        d.duration("scene_change_after", x.sceneChangeAfter(), min, max),
        d.number("scene_match_ratio", x.sceneMatchRatio(), 0.05, 0.95),
        d.duration("baseline_adapt", x.baselineAdapt(), Duration.ofSeconds(10),
            Duration.ofDays(1)));
    d.rejectUnknownKeys();
    return out;
  }

  private static ZoneConfig zone(ConfigNode z) {
    int before = z.problems().list().size();
    String name = z.string("name");
    Polygon polygon = polygon(z, "polygon", z.raw("polygon"));
    List<Polygon> masks = new ArrayList<>();
    Object rawMasks = z.raw("masks");
    if (rawMasks instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Polygon m = polygon(z, "masks[" + i + "]", list.get(i));
        if (m != null) {
          masks.add(m);
        }
      }
    } else if (rawMasks != null) {
      z.problem("masks", "must be a list of polygons");
    }
    Schedule schedule = Schedule.ALWAYS;
    String sched = z.string("schedule", null);
    if (sched != null) {
      try {
        schedule = Schedule.parse(sched);
      } catch (IllegalArgumentException e) {
        z.problem("schedule", e.getMessage());
      }
    }
    double minArea = z.number("min_area", 0.02, 0.0001, 1);
    Duration minDuration = z.duration("min_duration", Duration.ofMillis(400), Duration.ZERO,
        Duration.ofMinutes(10));
    Duration hold = z.duration("hold", Duration.ofSeconds(5), Duration.ofMillis(100),
        Duration.ofHours(1));
    z.rejectUnknownKeys();
    if (polygon == null || z.problems().list().size() > before) {
      return null;
    }
    return new ZoneConfig(name, polygon, masks, schedule, minArea, minDuration, hold);
  }

  private static Polygon polygon(ConfigNode parent, String key, Object raw) {
    if (raw == null) {
      parent.problem(key, "is required: a list of [x, y] points within [0, 1]");
      return null;
    }
    if (!(raw instanceof List<?> list)) {
      parent.problem(key, "must be a list of [x, y] points within [0, 1]");
      return null;
    }
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof List<?> p && p.size() == 2 && p.get(0) instanceof Number x
          && p.get(1) instanceof Number y) {
        points.add(new double[] {x.doubleValue(), y.doubleValue()});
      } else {
        parent.problem(key + "[" + i + "]", "must be a point [x, y] with numbers");
        return null;
      }
    }
    try {
      return new Polygon(points);
    } catch (IllegalArgumentException e) {
      parent.problem(key, e.getMessage());
      return null;
    }
  }

  private static int[] size(ConfigNode c, String key, int[] fallback) {
    String text = c.string(key, null);
    if (text == null) {
      return fallback;
    }
    String[] wh = text.trim().split("x");
    try {
      int w = Integer.parseInt(wh[0]);
      int h = Integer.parseInt(wh[1]);
      if (wh.length == 2 && w >= 16 && h >= 16 && w <= 1920 && h <= 1080 && w % 2 == 0
          && h % 2 == 0) {
        return new int[] {w, h};
      }
    } catch (RuntimeException e) {
      // reported below
    }
    c.problem(key, "must be WIDTHxHEIGHT with even sides within 16..1920 x 16..1080, was '"
        + text + "'");
    return fallback;
  }
}
