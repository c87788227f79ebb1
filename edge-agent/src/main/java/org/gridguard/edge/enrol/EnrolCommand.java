package org.gridguard.edge.enrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * {@code --enrol <hub> <code> [--out DIR]}: exchanges a one-time enrolment code for the gateway's
 * credential at the hub's REST API ({@code POST /api/v1/enrol}) and writes
 * {@code DIR/gateway.credential} (mode 0600) and {@code DIR/gateway.id}. {@code <hub>} is
 * {@code host:port} (HTTPS) or a full {@code http://} / {@code https://} URL of the hub's web
 * port. Exit 0 when enrolled, 3 when the hub refused the code, 4 when the hub could not be
 * reached or answered nonsense, 2 for bad arguments.
 */
public final class EnrolCommand {
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_REFUSED = 3;
  public static final int EXIT_UNREACHABLE = 4;
  static final String USAGE = "usage: java -jar gridguard-edge-agent.jar --enrol <hub-host:port "
      + "| https://hub:8443> <code> [--out DIR]\n  writes DIR/gateway.credential (0600) and "
      + "DIR/gateway.id; DIR defaults to the current directory";

  private final HttpClient http;
  private final PrintStream out;
  private final PrintStream err;

  public EnrolCommand(HttpClient http, PrintStream out, PrintStream err) {
    this.http = http;
    this.out = out;
    this.err = err;
  }

  /** Runs with the arguments after {@code --enrol}. */
  public static int main(List<String> args) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new EnrolCommand(http, System.out, System.err).run(args);
  }

  public int run(List<String> args) {
    if (args.size() != 2 && !(args.size() == 4 && args.get(2).equals("--out"))) {
      err.println(USAGE);
      return EXIT_USAGE;
    }
    URI endpoint;
    try {
      endpoint = endpoint(args.get(0));
    } catch (IllegalArgumentException e) {
      err.println("hub '" + args.get(0) + "': " + e.getMessage() + "\n" + USAGE);
      return EXIT_USAGE;
    }
    Path dir = Path.of(args.size() == 4 ? args.get(3) : ".");
    String body = "{\"code\":" + new ObjectMapper().valueToTree(args.get(1)) + "}";
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("enrolment failed: cannot reach the hub at " + endpoint + ": " + e);
      return EXIT_UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_UNREACHABLE;
    }
    JsonNode answer;
    try {
      answer = new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (response.statusCode() != 200) {
      String detail = answer != null && answer.hasNonNull("detail") ? answer.get("detail").asText()
          : "HTTP " + response.statusCode();
      err.println("enrolment refused by the hub: " + detail);
      return response.statusCode() >= 500 ? EXIT_UNREACHABLE : EXIT_REFUSED;
    }
    if (answer == null || !answer.hasNonNull("gatewayId") || !answer.hasNonNull("credential")) {
      err.println("enrolment failed: the hub's answer has no gatewayId and credential");
      return EXIT_UNREACHABLE;
    }
    String gatewayId = answer.get("gatewayId").asText();
    Path credentialFile = dir.resolve("gateway.credential").toAbsolutePath();
    try {
      Files.createDirectories(dir);
      writePrivate(credentialFile, answer.get("credential").asText());
      Files.writeString(dir.resolve("gateway.id"), gatewayId + "\n");
    } catch (IOException e) {
      err.println("enrolled as gateway " + gatewayId + " but cannot write " + credentialFile
          + ": " + e + "\nthe credential is lost; ask a technician for a new code");
      return EXIT_UNREACHABLE;
    }
    out.println("enrolled as gateway " + gatewayId + "; credential written to " + credentialFile
        + " (mode 0600).\nIn agent.yml set\n  gateway:\n    id: " + gatewayId
        + "\n    credential_file: " + credentialFile + "\nthen start the agent with --config.");
    return 0;
  }

  static URI endpoint(String hub) {
    String base = hub.contains("://") ? hub : "https://" + hub;
    URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("must be host:port or an http(s):// URL");
    }
    return URI.create(uri + "/api/v1/enrol");
  }

  /** Written to a 0600 temporary file beside the target, then moved over it. */
  private static void writePrivate(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, content + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
