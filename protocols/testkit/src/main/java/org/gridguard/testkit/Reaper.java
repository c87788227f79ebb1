package org.gridguard.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Kills the processes and deletes the temp dirs the kit still owns when the JVM exits, so that a
 * test run that crashes or forgets a {@code close()} does not leave services behind. A JVM killed
 * with SIGKILL runs no hook; {@link TempDirs#sweepStale()} covers that case on the next run.
 */
final class Reaper {
  private static final Set<ProcessHandle> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reapAll, "gridguard-testkit-reaper"));
  }

  private Reaper() {}

  static void track(ProcessHandle process) {
    PROCESSES.add(process);
  }

  static void untrack(ProcessHandle process) {
    PROCESSES.remove(process);
  }

  static void track(Path dir) {
    DIRS.add(dir);
  }

  static void untrack(Path dir) {
    DIRS.remove(dir);
  }

  /**
   * Kills {@code root} and all its descendants with SIGKILL, deepest first, and returns once
   * they are gone (at most about 5 s). Deepest first, because a killed process whose parent
   * still lives is reaped by that parent at once, while orphans wait for init to reap them.
   */
  static void killTree(ProcessHandle root) {
    // Collect the tree first: once the root is dead its children are re-parented and lost.
    TreeMap<Integer, List<ProcessHandle>> levels = root.descendants()
        .collect(Collectors.groupingBy(process -> depth(process, root), TreeMap::new,
            Collectors.toList()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (List<ProcessHandle> level : levels.descendingMap().values()) {
      killAll(level, deadline);
    }
    killAll(List.of(root), deadline);
  }

  /** Kills {@code processes} (SIGKILL) and waits until they are gone or the deadline passes. */
  static void killAll(List<ProcessHandle> processes, long deadline) {
    processes.forEach(ProcessHandle::destroyForcibly);
    // ProcessHandle.onExit() polls non-children from 300 ms up; poll faster ourselves.
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int depth(ProcessHandle process, ProcessHandle root) {
    int depth = 1;
    Optional<ProcessHandle> parent = process.parent();
    while (parent.isPresent() && !parent.get().equals(root) && depth < 64) {
      depth++;
      parent = parent.get().parent();
    }
    return depth;
  }

  private static void reapAll() {
    PROCESSES.forEach(Reaper::killTree);
    DIRS.forEach(TempDirs::deleteQuietly);
  }
}
