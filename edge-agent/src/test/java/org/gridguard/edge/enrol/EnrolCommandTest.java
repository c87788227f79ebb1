package org.gridguard.edge.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolCommandTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<String> received = new AtomicReference<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String hub(int status, String answer) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/enrol", exchange -> {
      received.set(exchange.getRequestMethod() + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int run(String... args) {
    return new EnrolCommand(HttpClient.newHttpClient(), new PrintStream(out, true),
        new PrintStream(err, true)).run(List.of(args));
  }

  @Test
  void run_codeAccepted_writesPrivateCredentialAndGatewayIdAndExitsZero() throws Exception {
    String hub = hub(200, "{\"gatewayId\":\"village-7\",\"credential\":\"ggc-secret\"}");
    Path target = dir.resolve("etc");
    assertThat(run(hub, "7KQ4MZP2XW", "--out", target.toString())).isZero();
    assertThat(received.get()).isEqualTo("POST {\"code\":\"7KQ4MZP2XW\"}");
    Path credential = target.resolve("gateway.credential");
    assertThat(Files.readString(credential).strip()).isEqualTo("ggc-secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(target.resolve("gateway.id")).strip()).isEqualTo("village-7");
    assertThat(out.toString()).contains("enrolled as gateway village-7")
        .contains("credential_file: " + credential.toAbsolutePath()).doesNotContain("ggc-secret");
  }

  @Test
  void run_codeUsed_printsTheHubsReasonAndExitsRefused() throws Exception {
    String hub = hub(410, "{\"status\":410,\"detail\":\"code: this enrolment code was already "
        + "used; ask a technician for a new one\"}");
    assertThat(run(hub, "7KQ4MZP2XW", "--out", dir.toString())).isEqualTo(EnrolCommand.EXIT_REFUSED);
    assertThat(err.toString()).contains("enrolment refused by the hub: code: this enrolment code "
        + "was already used");
    assertThat(Files.exists(dir.resolve("gateway.credential"))).isFalse();
  }

  @Test
  void run_hubUnreachable_exitsUnreachable() throws Exception {
    String hub = hub(200, "{}");
    server.stop(0);
    server = null;
    assertThat(run(hub, "7KQ4MZP2XW", "--out", dir.toString()))
        .isEqualTo(EnrolCommand.EXIT_UNREACHABLE);
    assertThat(err.toString()).contains("cannot reach the hub");
  }

  @Test
  void run_missingCode_printsUsage() {
    assertThat(run("hub:8443")).isEqualTo(EnrolCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("usage:");
  }

  @Test
  void endpoint_bareHostPort_usesHttps() {
    assertThat(EnrolCommand.endpoint("hub.county.example:8443").toString())
        .isEqualTo("https://hub.county.example:8443/api/v1/enrol");
    assertThat(EnrolCommand.endpoint("http://127.0.0.1:8080/").toString())
        .isEqualTo("http://127.0.0.1:8080/api/v1/enrol");
  }
}
