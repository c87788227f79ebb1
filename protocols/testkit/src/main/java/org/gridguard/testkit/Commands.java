package org.gridguard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs short-lived commands (psql, ffprobe, mosquitto_pub, initdb ...) to completion. */
public final class Commands {
  private Commands() {}

  /** What a finished command printed (stdout and stderr merged) and how it exited. */
  public record Result(List<String> command, int exitCode, String output) {
    /** This result if the exit code is 0, else an exception with the tail of the output. */
    public Result orFail() {
      if (exitCode != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited with code "
            + exitCode + ", last lines of its output:\n" + LogTail.lastLines(output));
      }
      return this;
    }
  }

  /** {@link #run(Duration, List)} with the arguments as varargs. */
  public static Result run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  /**
   * Runs {@code command} with empty stdin and waits for it.
   *
   * @throws IllegalStateException if it does not finish within {@code timeout} (it is killed)
   */
  public static Result run(Duration timeout, List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    }
    Reaper.track(process.toHandle());
    try {
      CompletableFuture<String> output = CompletableFuture.supplyAsync(
          () -> readAll(process.getInputStream()), Commands::daemonThread);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        Reaper.killTree(process.toHandle());
        throw new IllegalStateException(String.join(" ", command) + " did not finish within "
            + timeout.toSeconds() + " s (killed), last lines of its output:\n"
            + LogTail.lastLines(output.completeOnTimeout("", 2, TimeUnit.SECONDS).join()));
      }
      return new Result(List.copyOf(command), process.exitValue(),
          output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Reaper.killTree(process.toHandle());
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + command.get(0), e);
    } finally {
      Reaper.untrack(process.toHandle());
    }
  }

  private static void daemonThread(Runnable task) {
    Thread thread = new Thread(task, "gridguard-testkit-command-output");
    thread.setDaemon(true);
    thread.start();
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
