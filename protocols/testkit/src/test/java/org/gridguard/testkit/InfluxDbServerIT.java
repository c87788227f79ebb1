package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfluxDbServerIT {
  @RegisterExtension static final InfluxDbServer influx = new InfluxDbServer();

  @Test
  void write_pointOverHttp_queryReturnsIt() {
    influx.createDatabase("it_write");

    influx.write("it_write", "temperature,device=d1 value=21.5 1700000000000000000");

    assertThat(influx.query("it_write", "SELECT value FROM temperature WHERE device = 'd1'"))
        .contains("\"name\":\"temperature\"")
        .contains("[\"2023-11-14T22:13:20Z\",21.5]");
  }

  @Test
  void stopThenStart_samePortAndDataDir_keepsWrittenPoints() {
    influx.createDatabase("it_restart");
    influx.write("it_restart", "level,device=w1 cm=42i 1700000000000000000");
    int port = influx.port();
    long pid = influx.processHandle().pid();

    influx.stop();
    assertThat(influx.isRunning()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    influx.start();

    assertThat(influx.port()).isEqualTo(port);
    assertThat(influx.processHandle().pid()).isNotEqualTo(pid);
    assertThat(influx.query("it_restart", "SELECT cm FROM level")).contains("42]");
  }

  @Test
  void killThenStart_acknowledgedWrite_survivesFromWal() {
    influx.createDatabase("it_kill");
    influx.write("it_kill", "door,device=k1 open=true 1700000000000000000");

    influx.kill();
    influx.start();

    assertThat(influx.query("it_kill", "SELECT open FROM door")).contains("true]");
  }

  @Test
  void close_running_processGoneAndTempDirDeleted() {
    InfluxDbServer own = new InfluxDbServer();
    own.start();
    ProcessHandle process = own.processHandle();
    Path dir = own.directory();
    assertThat(dir.getFileName().toString()).startsWith("gridguard-test-influxd-");
    assertThat(dir.resolve("data")).isDirectory();

    own.close();

    assertThat(process.isAlive()).isFalse();
    assertThat(Files.exists(dir)).isFalse();
    assertThat(own.isRunning()).isFalse();
  }
}
