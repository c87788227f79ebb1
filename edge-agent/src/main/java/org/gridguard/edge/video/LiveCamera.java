package org.gridguard.edge.video;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.gridguard.edge.alarm.OpenAlarmBook;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.detect.CameraPipeline;
import org.gridguard.edge.detect.ZoneConfig;
import org.gridguard.edge.evidence.EvidenceWriter;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.source.camera.CameraMetrics;
import org.gridguard.edge.source.camera.CameraSource;
import org.gridguard.edge.source.camera.Polygon;
import org.gridguard.edge.source.camera.SnapshotRequest;
import org.gridguard.edge.spool.SpoolSink;

/**
 * One running camera: its source (reader thread), its detector pipeline and its tagged meters
 * in the agent's registry, which leave the registry with it (a camera added again later gets
 * fresh meters reading its new source).
 */
final class LiveCamera {
  private final CameraConfig config;
  private final CameraSource source;
  private final CameraPipeline pipeline;
  private final List<Meter> meters = new ArrayList<>();

  LiveCamera(CameraConfig config, SpoolSink spool, String bootId, EvidenceWriter evidence,
      Timer latency, OpenAlarmBook openAlarms, LongSupplier clock) {
    this.config = config;
    CameraSource[] holder = new CameraSource[1];
    this.pipeline = new CameraPipeline(config, spool, bootId, evidence,
        r -> holder[0] != null && holder[0].requestSnapshot(r), latency, openAlarms,
        clock.getAsLong());
    this.source = new CameraSource(config.stream(), pipeline, clock);
    holder[0] = source;
  }

  CameraConfig config() {
    return config;
  }

  CameraSource source() {
    return source;
  }

  CameraPipeline pipeline() {
    return pipeline;
  }

  /**
   * Asks the source for its next full-resolution frame and hands it to the evidence writer
   * (zones drawn); {@code done} completes with the evidence id once it is in the spool.
   */
  CompletableFuture<String> snapshot(EvidenceWriter evidence, LongSupplier clock,
      CompletableFuture<String> done) {
    String id = config.id();
    String evidenceId = UUID.randomUUID().toString();
    List<Polygon> zones = config.zones().stream().map(ZoneConfig::polygon).toList();
    boolean queued = source.requestSnapshot(new SnapshotRequest(evidenceId, image -> {
      if (image == null) {
        done.completeExceptionally(new IllegalStateException("camera " + id
            + " gave no frame (stream lost or reconnecting)"));
      } else if (!evidence.submitSnapshot(evidenceId, id, clock.getAsLong(), image, zones,
          error -> {
            if (error == null) {
              done.complete(evidenceId);
            } else {
              done.completeExceptionally(error);
            }
          })) {
        done.completeExceptionally(new IllegalStateException("the evidence queue is full; "
            + "try again in a moment"));
      }
    }));
    if (!queued) {
      done.completeExceptionally(new IllegalStateException("camera " + id
          + " has snapshots waiting already; try again in a moment"));
    }
    return done;
  }

  /** The camera's own counters, in the agent's registry, tagged with the camera id. */
  void registerMeters(MeterRegistry registry) {
    Tags camera = Tags.of("camera", config.id());
    counter(registry, "video.camera.frames_decoded", camera, m -> m.framesDecoded());
    counter(registry, "video.camera.frames_analysed", camera, m -> m.framesAnalysed());
    counter(registry, "video.camera.reconnects", camera, m -> m.reconnects());
    counter(registry, "video.camera.abandoned_threads", camera, m -> m.abandonedThreads());
    counter(registry, "video.camera.snapshots_dropped", camera, m -> m.snapshotsDropped());
    meters.add(Gauge.builder(Metrics.PREFIX + "video.camera.snapshot_queue", source,
        s -> s.metrics().snapshotQueue()).tags(camera).register(registry));
  }

  void removeMeters(MeterRegistry registry) {
    meters.forEach(registry::remove);
    meters.clear();
  }

  /**
   * A counter reading the source: the source is the meter's state object, which Micrometer
   * holds only weakly — a lambda as state object would be collected and the counter would
   * freeze at its last value (this one lives as long as the camera runs).
   */
  private void counter(MeterRegistry registry, String name, Tags tags,
      ToLongFunction<CameraMetrics> value) {
    meters.add(FunctionCounter.builder(Metrics.PREFIX + name, source,
        s -> value.applyAsLong(s.metrics())).tags(tags).register(registry));
  }
}
