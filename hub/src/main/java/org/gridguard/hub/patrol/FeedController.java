package org.gridguard.hub.patrol;

import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/patrol/feed}: the caller's feed as Server-Sent Events ({@link PatrolFeed}). */
@RestController
class FeedController {
  static final String FEED_READERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL')";

  private final PatrolFeed feed;

  FeedController(PatrolFeed feed) {
    this.feed = feed;
  }

  @GetMapping("/api/v1/patrol/feed")
  @PreAuthorize(FEED_READERS)
  SseEmitter feed(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    // the stream's end is an ASYNC dispatch: SecurityConfig lets it through as the continuation
    // of this request, which was authorised
    return feed.open(caller, after, lastEventId);
  }
}
