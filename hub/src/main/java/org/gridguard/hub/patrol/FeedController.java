package org.gridguard.hub.patrol;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/patrol/feed}: the caller's feed as Server-Sent Events ({@link PatrolFeed}). */
@RestController
class FeedController {
  static final String FEED_READERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL')";

  private static final RequestAttributeSecurityContextRepository CONTEXT =
      new RequestAttributeSecurityContextRepository();

  private final PatrolFeed feed;

  FeedController(PatrolFeed feed) {
    this.feed = feed;
  }

  @GetMapping("/api/v1/patrol/feed")
  @PreAuthorize(FEED_READERS)
  SseEmitter feed(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      HttpServletRequest request, HttpServletResponse response) {
    SseEmitter emitter = feed.open(caller, after, lastEventId);
    // the stateless API chain keeps the bearer authentication only for this dispatch; the
    // stream's end is an ASYNC dispatch through the same chain, which would then be refused
    // (and log an error on a committed response) unless the context is kept on the request
    CONTEXT.saveContext(SecurityContextHolder.getContext(), request, response);
    return emitter;
  }
}
