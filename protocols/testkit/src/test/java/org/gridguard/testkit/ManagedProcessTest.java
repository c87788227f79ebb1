package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {
  @TempDir Path dir;

  @Test
  void awaitReady_processExitsFirst_failsWithExitCodeAndLogTail() {
    ManagedProcess process = ManagedProcess.start("failing",
        List.of("sh", "-c", "echo 'bind: address already in use' >&2; exit 3"), dir);

    assertThatThrownBy(() -> process.awaitReady("port open", Duration.ofSeconds(10), () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("failing exited with code 3 before port open")
        .hasMessageContaining("command: sh -c")
        .hasMessageContaining("last lines of " + dir.resolve("failing.out"))
        .hasMessageContaining("bind: address already in use");
  }

  @Test
  void awaitReady_neverReady_failsAfterTimeoutWithExtraLog() {
    ManagedProcess process = ManagedProcess.start("slow", List.of("sleep", "60"), dir,
        dir.resolve("service.log"));
    try {
      assertThatThrownBy(() -> process.awaitReady("never", Duration.ofMillis(200), () -> false))
          .hasMessageStartingWith("slow not ready within 0 s: never")
          .hasMessageContaining("(no log: " + dir.resolve("service.log") + " does not exist)");
    } finally {
      process.kill();
    }
  }

  @Test
  void stop_shellIgnoringItsChildren_wholeTreeGone() {
    // sh does not pass SIGTERM on to its children: stop() must find and kill them.
    ManagedProcess process = ManagedProcess.start("tree",
        List.of("sh", "-c", "sleep 60 & sleep 60 & wait"), dir);
    process.awaitReady("two children", Duration.ofSeconds(10),
        () -> process.handle().children().count() == 2);
    List<ProcessHandle> tree = process.handle().descendants().collect(Collectors.toList());

    process.stop(Duration.ofSeconds(1));

    assertThat(process.isAlive()).isFalse();
    assertThat(tree).hasSize(2).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void kill_running_processAndChildrenGone() {
    ManagedProcess process = ManagedProcess.start("victim",
        List.of("sh", "-c", "sleep 60 & wait"), dir);
    process.awaitReady("a child", Duration.ofSeconds(10),
        () -> process.handle().children().count() == 1);
    List<ProcessHandle> tree = process.handle().descendants().collect(Collectors.toList());

    process.kill();

    assertThat(process.isAlive()).isFalse();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }
}
