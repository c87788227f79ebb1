package org.gridguard.hub.patrol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real Server-Sent Events client over java.net.http, for tests and benchmarks: connects
 * with a bearer token and {@code Last-Event-ID} or {@code ?after=}, parses events (id, event,
 * data) and comments on a thread of its own, and hands them out with deadlines that fail.
 * {@link #close()} drops the connection like a phone losing its network.
 */
public final class SseClient implements AutoCloseable {
  /** One event as received; {@code receivedNanos} is {@link System#nanoTime()} on arrival. */
  public record Event(long id, String name, String data, long receivedNanos) {}

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final java.util.concurrent.CopyOnWriteArrayList<String> commentTexts =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int status;
  private final java.net.http.HttpHeaders headers;
  private final String errorBody;
  private final InputStream body;
  private final Thread reader;
  private volatile Throwable failure;

  private SseClient(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.headers = response.headers();
    this.body = response.body();
    if (status != 200) {
      String text;
      try {
        text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = e.toString();
      }
      this.errorBody = text;
      this.reader = null;
      return;
    }
    this.errorBody = null;
    this.reader = new Thread(this::read, "sse-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Opens {@code url} (e.g. {@code http://127.0.0.1:8080/api/v1/patrol/feed?after=0}).
   *
   * @param lastEventId sent as {@code Last-Event-ID}, or null
   */
  public static SseClient connect(URI url, String bearer, Long lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET()
        .header("Accept", "text/event-stream").header("Authorization", bearer);
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  public int status() {
    return status;
  }

  /** A response header's first value, or null. */
  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The body of a refused connection (a problem detail), or null. */
  public String errorBody() {
    return errorBody;
  }

  /** Heartbeat comments ({@code :hb}) received so far. */
  public int comments() {
    return comments.get();
  }

  /** Every comment's text so far, in order ({@code open}, {@code hb}, …). */
  public List<String> commentTexts() {
    return List.copyOf(commentTexts);
  }

  /** The next {@code n} events, waiting at most {@code timeout} in all; fails if they do not come. */
  public List<Event> await(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> out = new ArrayList<>();
    while (out.size() < n) {
      long left = deadline - System.nanoTime();
      Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("SSE: got " + out.size() + " of " + n + " events within "
            + timeout + ": " + out + (failure == null ? "" : "; reader failed: " + failure));
      }
      out.add(e);
    }
    return out;
  }

  /** The next event, or fails after {@code timeout}. */
  public Event next(Duration timeout) throws InterruptedException {
    return await(1, timeout).get(0);
  }

  /** Waits until {@code n} heartbeat comments ({@code :hb}) have arrived; fails after {@code timeout}. */
  public void awaitComments(int n, Duration timeout) throws InterruptedException {
    org.awaitility.Awaitility.await("SSE: " + n + " comments").atMost(timeout)
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> comments.get() >= n);
  }

  /** Events received but not taken yet. */
  public List<Event> pending() {
    return List.copyOf(events);
  }

  /** Whether the server has ended the stream. */
  public boolean ended(Duration within) throws InterruptedException {
    if (reader == null) {
      return true;
    }
    reader.join(within.toMillis());
    return !reader.isAlive();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body,
        StandardCharsets.UTF_8))) {
      String id = null;
      String name = "message";
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id == null ? -1 : Long.parseLong(id), name, data.toString(),
                System.nanoTime()));
          }
          id = null;
          name = "message";
          data = null;
        } else if (line.startsWith(":")) {
          String text = line.substring(1).strip();
          commentTexts.add(text);
          if (text.equals("hb")) {
            comments.incrementAndGet();
          }
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value)
                : data.append('\n').append(value);
            default -> { }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // gone anyway
    }
  }
}
