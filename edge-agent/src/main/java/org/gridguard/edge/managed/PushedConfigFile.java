package org.gridguard.edge.managed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridguard.edge.config.InvalidConfigException;
import org.gridguard.edge.config.YamlDocuments;

/**
 * The last good pushed configuration on disk, beside the spool ({@code pushed-config.yml}):
 * {@code config_version} and the managed sections, block-style YAML. Written atomically (a
 * temporary file, fsync, rename, fsync of the directory), so a power cut leaves the old or the
 * new file, never half of one; mode 0600 because camera URLs carry stream credentials.
 */
public final class PushedConfigFile {
  static final String NAME = "pushed-config.yml";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final String HEADER = "# The last good configuration pushed by the GridGuard "
      + "hub (PROTOCOL.md §10), merged over\n# the local file at every start. Written by the "
      + "edge agent: do not edit (a new push replaces it).\n";

  private final Path path;

  public PushedConfigFile(Path path) {
    this.path = path;
  }

  /** The file beside a spool directory: {@code <spool>/../pushed-config.yml}. */
  public static PushedConfigFile besideSpool(Path spoolDirectory) {
    return new PushedConfigFile(spoolDirectory.toAbsolutePath().resolveSibling(NAME));
  }

  public Path path() {
    return path;
  }

  /**
   * @return the persisted push, empty when there is none
   * @throws InvalidConfigException when the file is unreadable, not YAML or not of this shape
   */
  public Optional<PushedConfig> load() {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException(path.toString(), List.of("(file): cannot read: " + e));
    }
    Object tree = YamlDocuments.parse(text, path.toString());
    if (!(tree instanceof Map<?, ?> root)) {
      throw new InvalidConfigException(path.toString(),
          List.of("(document): must be a mapping with config_version and the managed sections"));
    }
    Map<String, Object> sections = new LinkedHashMap<>();
    root.forEach((k, v) -> sections.put(String.valueOf(k), v));
    Object version = sections.remove("config_version");
    if (!(version instanceof Number n) || n.longValue() < 1) {
      throw new InvalidConfigException(path.toString(),
          List.of("config_version: is required, a whole number of at least 1, was " + version));
    }
    List<String> problems = ManagedSections.problems(sections);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(path.toString(), problems);
    }
    return Optional.of(new PushedConfig(n.longValue(), sections));
  }

  /** Replaces the file atomically with this push. */
  public void save(PushedConfig config) throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("config_version", config.version());
    tree.putAll(ManagedSections.managedOnly(config.sections()));
    byte[] bytes = (HEADER + YamlDocuments.dump(tree)).getBytes(StandardCharsets.UTF_8);
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(path.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // created fresh, so the 0600 below applies from the first byte
    try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      out.force(true);
    }
    Files.setPosixFilePermissions(tmp, OWNER_ONLY); // whatever the umask did
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself survives a power cut
    }
  }
}
