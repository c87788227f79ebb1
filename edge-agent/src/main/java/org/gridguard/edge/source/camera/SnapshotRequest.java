package org.gridguard.edge.source.camera;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * Asks a camera for its next frame at full resolution; {@code onImage} receives it on the
 * camera's thread, or {@code null} when the stream could not give one.
 */
public record SnapshotRequest(String evidenceId, Consumer<BufferedImage> onImage) {
}
