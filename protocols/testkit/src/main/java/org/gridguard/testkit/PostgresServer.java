package org.gridguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL from the Debian package {@code postgresql} (the newest version under
 * {@code /usr/lib/postgresql}, 15 on Debian 12): a fresh cluster in a temp dir under {@code /tmp},
 * listening on 127.0.0.1 and a free port with trust authentication, fsync off, and a database
 * {@code gridguard} owned by role {@code gridguard}.
 *
 * <p>initdb and postgres refuse to run as root. When the tests run as root (CI,
 * deploy/test.sh), the server runs as the OS user {@code postgres} that the Debian package
 * creates, through {@code runuser}, in a temp dir chowned to it.
 */
public final class PostgresServer extends DaemonService {
  /** Where the Debian packages install one {@code <version>/bin} per PostgreSQL version. */
  public static final Path DEFAULT_VERSIONS_DIR = Path.of("/usr/lib/postgresql");
  /** The database the server is created with, owned by {@link #username()}. */
  public static final String DATABASE = "gridguard";
  private static final String ROLE = "gridguard";
  private static final String SUPERUSER = "postgres";
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path versionsDir;
  private volatile Path bin;
  private volatile int port;

  /** The newest PostgreSQL the Debian packages installed. */
  public PostgresServer() {
    this(DEFAULT_VERSIONS_DIR);
  }

  PostgresServer(Path versionsDir) {
    super("postgres");
    this.versionsDir = versionsDir;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/gridguard}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /** The role that owns database {@code gridguard}: {@code gridguard}. */
  public String username() {
    return ROLE;
  }

  /** The role's password; authentication is trust, so any password is accepted. */
  public String password() {
    return ROLE;
  }

  /** The TCP port on 127.0.0.1; it stays the same across {@link #stop()} and {@link #start()}. */
  public int port() {
    if (port == 0) {
      throw new IllegalStateException("postgres has not been started");
    }
    return port;
  }

  /**
   * Runs {@code sql} with psql as {@code gridguard} in database {@code gridguard}, stopping at
   * the first error, and returns the unaligned, tuples-only output.
   */
  public String psql(String sql) {
    return Commands.run(Duration.ofSeconds(60), bin.resolve("psql").toString(), "-X", "-q", "-w",
        "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String.valueOf(port()),
        "-U", ROLE, "-d", DATABASE, "-c", sql).orFail().output();
  }

  /** Runs {@code sql} as the cluster's superuser (e.g. to create an extension); output as {@link #psql}. */
  public String psqlAsSuperuser(String sql) {
    return Commands.run(Duration.ofSeconds(60), bin.resolve("psql").toString(), "-X", "-q", "-w",
        "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String.valueOf(port()),
        "-U", SUPERUSER, "-d", DATABASE, "-c", sql).orFail().output();
  }

  @Override
  protected void checkInstalled() {
    bin = newestBin().orElseThrow(() -> new MissingServiceException(
        "PostgreSQL server not found at " + versionsDir + "/<version>/bin/postgres", "postgresql"));
  }

  @Override
  protected Path tempRoot() {
    // The postgres user must reach the dir: /tmp is world-traversable, java.io.tmpdir may not be.
    return Os.isRoot() ? Path.of("/tmp") : super.tempRoot();
  }

  @Override
  protected void prepare(Path dir) throws IOException {
    port = FreePorts.pick();
    if (Os.isRoot()) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
    }
    Commands.run(INITDB_TIMEOUT, asServerUser(bin.resolve("initdb").toString(),
        "-D", dir.resolve("data").toString(), "-U", SUPERUSER, "--auth=trust",
        "--encoding=UTF8", "--no-locale", "--no-sync")).orFail();
  }

  @Override
  protected List<String> command(Path dir) {
    List<String> command = new java.util.ArrayList<>(asServerUser(
        bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "port=" + port,
        "-c", "unix_socket_directories=" + dir, "-c", "fsync=off",
        "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        "-c", "logging_collector=off"));
    // extra server settings for profiling runs, e.g.
    // -Dgridguard.testkit.postgres.settings=shared_preload_libraries=pg_stat_statements
    for (String setting : System.getProperty(SETTINGS, "").split(",")) {
      if (!setting.isBlank()) {
        if (!setting.contains("=")) {
          throw new IllegalArgumentException(SETTINGS + ": name=value pairs separated by ','"
              + ", was '" + setting + "'");
        }
        command.add("-c");
        command.add(setting.strip());
      }
    }
    return command;
  }

  /** System property with extra {@code name=value} server settings, comma-separated. */
  public static final String SETTINGS = "gridguard.testkit.postgres.settings";

  @Override
  protected void awaitReady(ManagedProcess process) {
    process.awaitReady("pg_isready on 127.0.0.1:" + port, READY_TIMEOUT, () -> Commands.run(
        Duration.ofSeconds(10), bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1",
        "-p", String.valueOf(port), "-U", SUPERUSER, "-d", "postgres").exitCode() == 0);
  }

  @Override
  protected void initialize() {
    Commands.run(Duration.ofSeconds(60), bin.resolve("psql").toString(), "-X", "-q", "-w",
        "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(port),
        "-U", SUPERUSER, "-d", "postgres",
        "-c", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE + "'",
        "-c", "CREATE DATABASE " + DATABASE + " OWNER " + ROLE).orFail();
  }

  @Override
  protected void shutdown(ManagedProcess process) {
    // Fast shutdown: roll back open transactions, disconnect clients, checkpoint, exit.
    Commands.run(Duration.ofSeconds(30), asServerUser(bin.resolve("pg_ctl").toString(), "stop",
        "-D", directory().resolve("data").toString(), "-m", "fast", "-w", "-t", "20"));
    process.awaitExit(Duration.ofSeconds(10));
  }

  private List<String> asServerUser(String... command) {
    List<String> full = new ArrayList<>();
    if (Os.isRoot()) {
      full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private Optional<Path> newestBin() {
    if (!Files.isDirectory(versionsDir)) {
      return Optional.empty();
    }
    List<Path> bins = new ArrayList<>();
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(versionsDir)) {
      for (Path version : versions) {
        if (version.getFileName().toString().matches("\\d+(\\.\\d+)?")
            && Files.isExecutable(version.resolve("bin/postgres"))
            && Files.isExecutable(version.resolve("bin/initdb"))) {
          bins.add(version.resolve("bin"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + versionsDir, e);
    }
    return bins.stream().max(Comparator.comparingDouble(
        b -> Double.parseDouble(b.getParent().getFileName().toString())));
  }
}
