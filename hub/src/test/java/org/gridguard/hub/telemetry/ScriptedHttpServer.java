package org.gridguard.hub.telemetry;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP server on loopback that answers every request with the scripted status, body and
 * Retry-After, and remembers the last request (gzip bodies decoded), for the InfluxDB writer
 * tests. Not InfluxDB: the real one runs in the {@code *IT} tests.
 */
final class ScriptedHttpServer implements AutoCloseable {
  /** The last request as received. */
  record Request(String method, URI uri, String contentEncoding, String authorization,
      String body) {}

  private final HttpServer server;
  private volatile Request last;
  volatile int status = 204;
  volatile String body = "";
  volatile String retryAfter;
  /** Sent as {@code X-Influxdb-Version} with every answer. */
  volatile String version = "1.6.7~test";

  ScriptedHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      byte[] plain = "gzip".equals(encoding)
          ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
      last = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), encoding,
          exchange.getRequestHeaders().getFirst("Authorization"),
          new String(plain, StandardCharsets.UTF_8));
      exchange.getResponseHeaders().add("X-Influxdb-Version", version);
      if (retryAfter != null) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
      }
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
      if (status != 204) {
        exchange.getResponseBody().write(answer);
      }
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Request last() {
    return last;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
