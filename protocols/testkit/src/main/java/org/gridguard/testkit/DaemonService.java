package org.gridguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A service that is one daemon process working in its own temp dir. The first {@link #start()}
 * checks the binary, creates the dir and writes the configuration; {@link #stop()} and
 * {@link #kill()} end the process but keep the dir, so a later {@code start()} comes back on
 * the same ports with the same data; {@link #close()} also deletes the dir.
 */
public abstract class DaemonService extends ServiceExtension {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String name;
  private Path dir;
  private ManagedProcess process;

  /** @param name short name, used in the temp dir name, log names and messages */
  protected DaemonService(String name) {
    this.name = name;
  }

  @Override
  public final synchronized void start() {
    if (isRunning()) {
      return;
    }
    boolean firstStart = dir == null;
    if (firstStart) {
      checkInstalled();
      dir = TempDirs.create(tempRoot(), name);
    }
    try {
      if (firstStart) {
        prepare(dir);
      }
      process = ManagedProcess.start(name, command(dir), dir, extraLogs(dir).toArray(Path[]::new));
      awaitReady(process);
      if (firstStart) {
        initialize();
      }
    } catch (IOException e) {
      UncheckedIOException failure =
          new UncheckedIOException("cannot prepare " + name + " in " + dir, e);
      abandon(firstStart);
      throw failure;
    } catch (RuntimeException e) {
      abandon(firstStart);
      throw e;
    }
  }

  /** After a failed start: no process, and no dir if it was new (the message has the logs). */
  private void abandon(boolean firstStart) {
    if (process != null) {
      process.kill();
      process = null;
    }
    if (firstStart) {
      TempDirs.deleteQuietly(dir);
      dir = null;
    }
  }

  /** Stops the service gracefully (SIGTERM or its own stop command); keeps its data. */
  public final synchronized void stop() {
    if (process != null) {
      if (process.isAlive()) {
        shutdown(process);
      }
      process.stop(STOP_GRACE);
      process = null;
    }
  }

  /** Kills the service's process tree with SIGKILL, like a power cut; keeps its data. */
  public final synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  @Override
  public final synchronized void close() {
    stop();
    if (dir != null) {
      TempDirs.delete(dir);
      dir = null;
    }
  }

  @Override
  public final synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The running service's main process (for tests that check it is gone afterwards). */
  public final synchronized ProcessHandle processHandle() {
    return running().handle();
  }

  /** The temp dir with the service's configuration, data and logs. */
  public final synchronized Path directory() {
    if (dir == null) {
      throw new IllegalStateException(name + " has not been started");
    }
    return dir;
  }

  protected final synchronized ManagedProcess running() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
    return process;
  }

  /** @throws MissingServiceException if the binary is not installed */
  protected abstract void checkInstalled();

  /** Picks ports and writes the configuration into {@code dir}; runs on the first start only. */
  protected abstract void prepare(Path dir) throws IOException;

  /** The command line that runs the daemon in the foreground. */
  protected abstract List<String> command(Path dir);

  /** Returns when the daemon serves requests; see {@link ManagedProcess#awaitReady}. */
  protected abstract void awaitReady(ManagedProcess process);

  /** Creates databases and the like once the daemon first serves requests. */
  protected void initialize() {}

  /** Asks the daemon to stop; the process tree is killed if it has not within 20 s. */
  protected void shutdown(ManagedProcess process) {
    // ManagedProcess.stop sends SIGTERM, the clean shutdown signal of most daemons.
  }

  /** Logs the daemon writes itself, besides its stdout and stderr. */
  protected List<Path> extraLogs(Path dir) {
    return List.of();
  }

  /** Where the temp dir is created; {@code java.io.tmpdir} unless overridden. */
  protected Path tempRoot() {
    return TempDirs.defaultRoot();
  }
}
