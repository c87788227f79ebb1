package org.gridguard.edge.evidence;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.edge.source.camera.GrayFrame;
import org.gridguard.edge.source.camera.Polygon;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes snapshots (and optional clips) and hands their chunks to the spool, on one background thread with a
 * bounded queue: camera threads never wait for JPEG encoding. When the queue is full the
 * snapshot is dropped and counted (the alarm itself is already spooled).
 */
public final class EvidenceWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EvidenceWriter.class);

  private final SpoolSink spool;
  private final SnapshotEncoder encoder;
  private final EvidenceChunker chunker;
  private final ClipEncoder clips = new ClipEncoder();
  private final String bootId;
  private final ThreadPoolExecutor executor;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public EvidenceWriter(SpoolSink spool, double jpegQuality, int chunkBytes, int queueCapacity,
      String bootId) {
    this.spool = spool;
    this.encoder = new SnapshotEncoder(jpegQuality);
    this.chunker = new EvidenceChunker(chunkBytes);
    this.bootId = bootId;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), r -> {
          Thread t = new Thread(r, "evidence-writer");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** Queues a snapshot; returns false (and counts a drop) when the queue is full. */
  public boolean submitSnapshot(String evidenceId, String deviceId, long captureTimeMs,
      BufferedImage image, List<Polygon> zones) {
    return submitSnapshot(evidenceId, deviceId, captureTimeMs, image, zones, error -> { });
  }

  /**
   * {@link #submitSnapshot(String, String, long, BufferedImage, List)}, telling {@code done}
   * (on the writer's thread) once every chunk is in the spool: {@code null}, or what failed.
   */
  public boolean submitSnapshot(String evidenceId, String deviceId, long captureTimeMs,
      BufferedImage image, List<Polygon> zones, Consumer<Throwable> done) {
    try {
      executor.execute(() -> write(evidenceId, deviceId, captureTimeMs, image, zones)
          .whenComplete((v, error) -> done.accept(error)));
      return true;
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      log.warn("snapshot {} of {} dropped: evidence queue full ({} waiting)", evidenceId,
          deviceId, executor.getQueue().size());
      return false;
    }
  }

  /** Queues a clip of analysis frames; returns false (and counts a drop) when the queue is full. */
  public boolean submitClip(String evidenceId, String deviceId, long captureTimeMs,
      List<GrayFrame> frames, double fps) {
    try {
      executor.execute(() -> {
        try {
          spoolItem(evidenceId, deviceId, captureTimeMs, "video/mp4",
              clips.encode(frames, fps));
        } catch (Exception e) {
          failed.incrementAndGet();
          log.warn("clip {} of {} could not be written: {}", evidenceId, deviceId, e.toString());
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      log.warn("clip {} of {} dropped: evidence queue full", evidenceId, deviceId);
      return false;
    }
  }

  /** @return completes once the spool has every chunk, or with what failed */
  private CompletableFuture<Void> write(String evidenceId, String deviceId, long captureTimeMs,
      BufferedImage image, List<Polygon> zones) {
    try {
      return spoolItem(evidenceId, deviceId, captureTimeMs, "image/jpeg",
          encoder.encode(image, zones));
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn("snapshot {} of {} could not be written: {}", evidenceId, deviceId, e.toString());
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Hands every chunk to the spool; the result completes when the spool has them all. */
  private CompletableFuture<Void> spoolItem(String evidenceId, String deviceId,
      long captureTimeMs, String contentType, byte[] item) {
    List<EvidenceChunk> chunks =
        chunker.chunk(evidenceId, contentType, item, deviceId, bootId, captureTimeMs);
    List<CompletableFuture<?>> appended = new java.util.ArrayList<>();
    for (EvidenceChunk c : chunks) {
      appended.add(spool.appendEvidence(c).whenComplete((seq, err) -> {
        if (err != null) {
          failed.incrementAndGet();
          log.warn("evidence {} chunk {} refused by the spool: {}", evidenceId, c.getIndex(),
              err.toString());
        }
      }));
    }
    written.incrementAndGet();
    bytes.addAndGet(item.length);
    return CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new));
  }

  /** Snapshots and clips waiting to be encoded. */
  public int queued() {
    return executor.getQueue().size();
  }

  public long written() {
    return written.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long failed() {
    return failed.get();
  }

  public long bytesWritten() {
    return bytes.get();
  }

  /** Finishes queued snapshots (up to 2 s, so the agent stops in time), then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
