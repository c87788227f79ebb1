package org.gridguard.hub.patrol;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * 503 with {@code Retry-After}: this instance already has {@code max-streams} patrol streams
 * open. The client loses nothing by waiting (it reconnects with its last sequence).
 */
public class FeedFullException extends ResponseStatusException {
  /** Seconds a refused client is asked to wait; its own backoff adds jitter. */
  static final int RETRY_AFTER_SECONDS = 10;

  FeedFullException(int maxStreams) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "this hub has its maximum of " + maxStreams
        + " live patrol streams open (gridguard.patrol.max-streams); reconnect in "
        + RETRY_AFTER_SECONDS + " s with your last event id — nothing is lost meanwhile");
  }

  @Override
  public HttpHeaders getHeaders() {
    HttpHeaders h = new HttpHeaders();
    h.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    return h;
  }
}
