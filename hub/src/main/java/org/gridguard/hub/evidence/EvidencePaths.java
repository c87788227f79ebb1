package org.gridguard.hub.evidence;

import java.nio.file.Path;
import org.gridguard.protocol.Ids;

/**
 * Where an evidence item's files live, and the guarantee that they stay there: complete items
 * are {@code <root>/<gateway>/<id>}, partial ones {@code <root>/<gateway>/.partial/<id>} (a
 * directory of its own, so ids {@code x} and {@code x.part} never share a file, and no id can
 * name it: ids start with a letter or digit). Every path is built from ids that follow the
 * {@link Ids} rules and is then normalised and checked to be exactly one level inside its
 * directory; anything else is refused with an {@link IllegalArgumentException}.
 */
final class EvidencePaths {
  static final String PARTIAL_DIRECTORY = ".partial";
  /** Partial files of hubs before partial items had their own directory. */
  static final String LEGACY_PARTIAL_SUFFIX = ".part";

  private final Path root;

  EvidencePaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** {@code <root>/<gateway>}. */
  Path gatewayDirectory(String gateway) {
    String problem = Ids.gatewayIdProblem(gateway);
    if (problem != null) {
      throw new IllegalArgumentException("no evidence path for gateway id " + problem);
    }
    return child(root, gateway);
  }

  /** {@code <root>/<gateway>/<id>}: the completed item. */
  Path complete(String gateway, String id) {
    return child(gatewayDirectory(gateway), checkedId(id));
  }

  /** {@code <root>/<gateway>/.partial/<id>}: the item while its chunks arrive. */
  Path partial(String gateway, String id) {
    return child(child(gatewayDirectory(gateway), PARTIAL_DIRECTORY), checkedId(id));
  }

  /** {@code <root>/<gateway>/<id>.part}: where hubs before this layout kept partial items. */
  Path legacyPartial(String gateway, String id) {
    return child(gatewayDirectory(gateway), checkedId(id) + LEGACY_PARTIAL_SUFFIX);
  }

  private static String checkedId(String id) {
    String problem = Ids.evidenceIdProblem(id);
    if (problem != null) {
      throw new IllegalArgumentException("no evidence path for evidence id " + problem);
    }
    return id;
  }

  /**
   * {@code directory/name}, normalised, if that is a direct child of {@code directory}; refuses
   * {@code ..}, {@code .}, separators, absolute names and the empty name whatever rule let them
   * through.
   */
  static Path child(Path directory, String name) {
    Path dir = directory.toAbsolutePath().normalize();
    Path resolved;
    try {
      resolved = dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("'" + name + "' is not a file name: " + e.getMessage());
    }
    if (name.isEmpty() || !dir.equals(resolved.getParent())
        || !resolved.getFileName().toString().equals(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' would leave " + dir + " (resolves to " + resolved + ")");
    }
    return resolved;
  }
}
