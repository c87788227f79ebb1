package org.gridguard.edge.source.camera;

/**
 * Counters of one camera since start.
 *
 * @param abandonedThreads reader threads given up by the watchdog while hung in native code
 * @param snapshotQueue snapshot requests waiting (bounded at 4)
 */
public record CameraMetrics(String cameraId, long framesDecoded, long framesAnalysed,
    long reconnects, long abandonedThreads, long snapshotsDropped, int snapshotQueue) {
}
