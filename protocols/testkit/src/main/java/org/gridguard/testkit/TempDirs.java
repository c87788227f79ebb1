package org.gridguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temp dirs named {@code gridguard-test-<service>-*}, each marked with the JVM that owns it and
 * the processes started in it, so that a later run can clean up after a JVM that was killed
 * before its shutdown hook ran.
 */
final class TempDirs {
  static final String PREFIX = "gridguard-test-";
  static final String OWNER_FILE = ".gridguard-owner";
  static final String PIDS_FILE = ".gridguard-pids";

  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

  private TempDirs() {}

  /** The default root, {@code java.io.tmpdir}. */
  static Path defaultRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Creates a fresh dir under {@code root}, owned by this JVM, deleted at JVM exit. */
  static Path create(Path root, String service) {
    if (SWEPT.add(root)) {
      sweepStale(root);
    }
    try {
      Path dir = Files.createTempDirectory(root, PREFIX + service + "-");
      Files.writeString(dir.resolve(OWNER_FILE), describe(ProcessHandle.current()));
      Reaper.track(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir under " + root, e);
    }
  }

  /** Notes in {@code dir} that {@code process} was started for it. */
  static void recordProcess(Path dir, ProcessHandle process) {
    try {
      Files.writeString(dir.resolve(PIDS_FILE), describe(process) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(PIDS_FILE), e);
    }
  }

  /**
   * Kills the recorded processes of, and deletes, every kit dir under {@code root} whose owning
   * JVM is gone. Dirs without an owner file are left alone (they may be being created).
   */
  static void sweepStale(Path root) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path dir : dirs) {
        Path owner = dir.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner) && isDead(Files.readString(owner).trim())) {
          if (Files.isRegularFile(dir.resolve(PIDS_FILE))) {
            for (String line : Files.readAllLines(dir.resolve(PIDS_FILE))) {
              find(line.trim()).ifPresent(Reaper::killTree);
            }
          }
          deleteQuietly(dir);
        }
      }
    } catch (IOException e) {
      // Another JVM may be sweeping or deleting at the same time; the next run tries again.
    }
  }

  /** Deletes {@code dir} and everything below it. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
      Reaper.untrack(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete temp dir " + dir, e);
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      delete(dir);
    } catch (UncheckedIOException e) {
      // Best effort, used only by clean-up paths that must not throw.
    }
  }

  /** "pid startMillis": the start time tells a live process from a reused pid. */
  static String describe(ProcessHandle process) {
    long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return process.pid() + " " + start;
  }

  /** The live process that {@link #describe} described, if it still runs. */
  static Optional<ProcessHandle> find(String description) {
    String[] fields = description.split(" ");
    try {
      long start = Long.parseLong(fields[1]);
      return ProcessHandle.of(Long.parseLong(fields[0]))
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == start);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True only for a well-formed description of a process that no longer runs. */
  private static boolean isDead(String description) {
    // A half-written owner file must not get a live JVM's dir deleted.
    return description.matches("\\d+ \\d+") && find(description).isEmpty();
  }
}
