package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresServerIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @Test
  void psql_selectOne_returnsOne() {
    assertThat(postgres.psql("SELECT 1")).isEqualTo("1\n");
  }

  @Test
  void start_databaseAndRole_matchJdbcSettings() {
    assertThat(postgres.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/gridguard");
    assertThat(postgres.psql("SELECT current_user || ' ' || current_database()"))
        .isEqualTo(postgres.username() + " gridguard\n");
  }

  @Test
  void start_asRoot_serverRunsAsPostgresUser() {
    String expectedUser = Os.isRoot() ? "postgres" : System.getProperty("user.name");
    ProcessHandle postmaster = Stream.concat(Stream.of(postgres.processHandle()),
            postgres.processHandle().descendants())
        .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
        .findFirst().orElseThrow();

    assertThat(postmaster.info().user()).contains(expectedUser);
  }

  @Test
  void stopThenStart_tableWithRow_keepsRow() {
    postgres.psql("CREATE TABLE it_restart (id int); INSERT INTO it_restart VALUES (7)");
    int port = postgres.port();

    postgres.stop();
    postgres.start();

    assertThat(postgres.port()).isEqualTo(port);
    assertThat(postgres.psql("SELECT id FROM it_restart")).isEqualTo("7\n");
  }

  @Test
  void close_running_processTreeGoneAndTempDirDeleted() {
    PostgresServer own = new PostgresServer();
    own.start();
    List<ProcessHandle> tree = Stream.concat(Stream.of(own.processHandle()),
        own.processHandle().descendants()).collect(Collectors.toList());
    Path dir = own.directory();
    assertThat(tree).hasSizeGreaterThan(1);

    own.close();

    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.exists(dir)).isFalse();
  }
}
