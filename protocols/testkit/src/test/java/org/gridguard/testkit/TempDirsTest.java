package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDirsTest {
  @TempDir Path root;
  private Process orphan;

  @AfterEach
  void killOrphan() {
    if (orphan != null) {
      orphan.destroyForcibly();
    }
  }

  @Test
  void sweepStale_ownerJvmDead_killsRecordedProcessAndDeletesDir() throws Exception {
    Path dir = kitDir("influxd-dead", deadProcess());
    orphan = new ProcessBuilder("sleep", "60").start();
    TempDirs.recordProcess(dir, orphan.toHandle());

    TempDirs.sweepStale(root);

    assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void sweepStale_ownerJvmAlive_leavesDir() throws IOException {
    Path dir = kitDir("influxd-live", TempDirs.describe(ProcessHandle.current()));

    TempDirs.sweepStale(root);

    assertThat(dir).isDirectory();
  }

  @Test
  void sweepStale_ownerFileHalfWritten_leavesDir() throws IOException {
    Path dir = kitDir("influxd-new", "12");

    TempDirs.sweepStale(root);

    assertThat(dir).isDirectory();
  }

  @Test
  void create_newDir_hasPrefixAndOwner() throws IOException {
    Path dir = TempDirs.create(root, "mosquitto");

    assertThat(dir.getParent()).isEqualTo(root);
    assertThat(dir.getFileName().toString()).startsWith("gridguard-test-mosquitto-");
    assertThat(Files.readString(dir.resolve(TempDirs.OWNER_FILE)))
        .isEqualTo(TempDirs.describe(ProcessHandle.current()));
    TempDirs.delete(dir);
    assertThat(Files.exists(dir)).isFalse();
  }

  private Path kitDir(String name, String owner) throws IOException {
    Path dir = Files.createDirectory(root.resolve(TempDirs.PREFIX + name));
    Files.writeString(dir.resolve(TempDirs.OWNER_FILE), owner);
    Files.writeString(dir.resolve("data.bin"), "x");
    return dir;
  }

  /** The description of a process that has exited, like a JVM killed by SIGKILL. */
  private static String deadProcess() throws Exception {
    Process process = new ProcessBuilder("sleep", "60").start();
    String description = TempDirs.describe(process.toHandle());
    process.destroyForcibly().waitFor();
    return description;
  }
}
