package org.gridguard.hub.patrol;

import java.io.IOException;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live feed of a signed-in user as Server-Sent Events, for every front end (the REST API's
 * {@code GET /api/v1/patrol/feed}, the console's phone page under its own URL): each event has
 * {@code id} = the user's outbox sequence, {@code event} = {@code task} or {@code alert},
 * {@code data} = the row's JSON; a comment {@code :open} first (it commits the response, so the
 * client has its headers at once), then {@code :hb} every {@code heartbeat}.
 *
 * <p>The stream is subscribed first, then replays the outbox after the client's last sequence,
 * then follows live — one reader per stream, by sequence, so nothing that commits during the
 * replay is lost or sent twice (the ntfy #1293 gap cannot happen). The stream ends after
 * {@code stream-timeout}; clients reconnect with {@code Last-Event-ID} (EventSource does so
 * itself) or {@code ?after=} (after a page reload, from the last id they kept).
 */
@Service
public class PatrolFeed {
  private final FeedStreams streams;
  private final FeedReader feed;
  private final PatrolProperties config;

  PatrolFeed(FeedStreams streams, FeedReader feed, PatrolProperties config) {
    this.streams = streams;
    this.feed = feed;
    this.config = config;
  }

  /**
   * Opens a stream for {@code caller}.
   *
   * @param after the last sequence the client has, or null: then only what comes from now on
   *     (read the current state with {@code GET /api/v1/patrol/tasks}); 0 replays all retained
   * @param lastEventId the {@code Last-Event-ID} header, or null; wins over {@code after}
   * @throws ResponseStatusException 400 if a sequence is not a number or beyond the user's last
   * @throws FeedFullException 503 when {@code max-streams} streams are open on this instance
   */
  public SseEmitter open(HubPrincipal caller, String after, String lastEventId) {
    boolean header = lastEventId != null && !lastEventId.isBlank();
    String given = header ? lastEventId : after;
    String field = header ? "Last-Event-ID" : "after";
    long head = feed.head(caller.username());
    long from;
    if (given == null || given.isBlank()) {
      from = head;
    } else {
      try {
        from = Long.parseLong(given.strip());
      } catch (NumberFormatException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field
            + ": the last event id you received (a whole number), was '" + given + "'");
      }
      if (from < 0 || from > head) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + from
            + " is not a sequence of your feed (0–" + head + "); reconnect with after=" + head
            + " and reload your tasks");
      }
    }
    if (!streams.reserve()) {
      throw new FeedFullException(config.maxStreams());
    }
    SseEmitter emitter = new SseEmitter(config.streamTimeout().toMillis());
    try {
      // commits the response now: with nothing to replay the client would otherwise wait for
      // its headers until the first heartbeat
      emitter.send(SseEmitter.event().comment("open"));
    } catch (IOException | RuntimeException e) {
      streams.release();
      throw e instanceof IOException io ? new java.io.UncheckedIOException(io)
          : (RuntimeException) e;
    }
    FeedStream stream = new FeedStream(caller.username(), from, new Sink(emitter),
        config.sendQueue(), System::nanoTime);
    emitter.onCompletion(() -> streams.remove(stream, "completed"));
    emitter.onTimeout(() -> {
      streams.remove(stream, "timeout");
      emitter.complete();
    });
    emitter.onError(e -> streams.remove(stream, "client"));
    streams.add(stream);
    return emitter;
  }

  /** Writes a stream's events to its {@link SseEmitter}. */
  private record Sink(SseEmitter emitter) implements FeedStream.Sink {
    @Override
    public void event(long id, String name, String data) throws IOException {
      emitter.send(SseEmitter.event().id(Long.toString(id)).name(name).data(data));
    }

    @Override
    public void comment(String text) throws IOException {
      emitter.send(SseEmitter.event().comment(text));
    }

    @Override
    public void close() {
      try {
        emitter.complete();
      } catch (RuntimeException e) {
        // already completed
      }
    }
  }
}
