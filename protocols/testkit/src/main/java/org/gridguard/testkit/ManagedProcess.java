package org.gridguard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One long-running child process of a test: started in a working dir with stdout and stderr
 * appended to a log file there, waited for until ready, stopped together with its process tree.
 * Until stopped it is killed by a JVM shutdown hook, and recorded in its dir so that a later run
 * can kill it if this JVM dies without running the hook.
 */
public final class ManagedProcess {
  private static final Duration POLL = Duration.ofMillis(50);

  private final String name;
  private final List<String> command;
  private final Path log;
  private final List<Path> extraLogs;
  private final Process process;

  private ManagedProcess(String name, List<String> command, Path log, List<Path> extraLogs,
      Process process) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.extraLogs = extraLogs;
    this.process = process;
  }

  /**
   * Starts {@code command} in {@code dir}, output appended to {@code dir/<name>.out}, stdin
   * empty.
   *
   * @param extraLogs logs the service writes itself, shown with the output in failure messages
   */
  public static ManagedProcess start(String name, List<String> command, Path dir,
      Path... extraLogs) {
    Path log = dir.resolve(name + ".out");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process process = builder.start();
      Reaper.track(process.toHandle());
      TempDirs.recordProcess(dir, process.toHandle());
      return new ManagedProcess(name, List.copyOf(command), log, List.of(extraLogs), process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * Polls {@code ready} until it returns true.
   *
   * @throws IllegalStateException if the process exits first or {@code timeout} passes, with the
   *     tail of its logs
   */
  public void awaitReady(String condition, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw failure(name + " exited with code " + process.exitValue() + " before " + condition);
      }
      if (System.nanoTime() > deadline) {
        throw failure(name + " not ready within " + timeout.toSeconds() + " s: " + condition);
      }
      sleep(POLL);
    }
  }

  /** An exception whose message is {@code problem}, the command and the tail of the logs. */
  public IllegalStateException failure(String problem) {
    String logs = Stream.concat(Stream.of(log), extraLogs.stream())
        .map(LogTail::of)
        .collect(Collectors.joining("\n"));
    return new IllegalStateException(problem + "\ncommand: " + String.join(" ", command)
        + "\n" + logs);
  }

  /**
   * Asks the process to terminate (SIGTERM), waits up to {@code grace}, then kills whatever is
   * left of its process tree (SIGKILL). Returns when all of it is gone.
   */
  public void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    process.destroy();
    awaitExit(grace);
    Reaper.killTree(process.toHandle());
    // Children the process left behind when it exited, now orphans.
    Reaper.killAll(descendants, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    Reaper.untrack(process.toHandle());
    awaitExit(Duration.ofSeconds(5)); // see kill()
  }

  /** Kills the process tree at once (SIGKILL), as a power cut or OOM kill would. */
  public void kill() {
    Reaper.killTree(process.toHandle());
    Reaper.untrack(process.toHandle());
    // The handle reports a killed process gone as soon as it is a zombie; Process.isAlive()
    // only once the JDK's reaper thread has collected its exit status.
    awaitExit(Duration.ofSeconds(5));
  }

  /** Waits up to {@code timeout} for the process to exit; true if it has. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Whether the main process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The main process, e.g. to look at its descendants. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** The file that receives the process's stdout and stderr. */
  public Path log() {
    return log;
  }

  /** The poll step of the readiness wait above (a process helper: waits for a process). */
  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
