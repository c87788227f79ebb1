package org.gridguard.hub.console;

import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /console/feed}: the live incident stream of the queue and the patrol page
 * ({@code event: incident}, data {@code {"id","version","priority","action","to"}}), limited to
 * the reader's grid scope. Pages react by re-reading their fragment.
 */
@Controller
class FeedPages {
  private final LiveFeed feed;

  FeedPages(LiveFeed feed) {
    this.feed = feed;
  }

  @GetMapping(value = "/console/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @PreAuthorize(Navigation.READERS)
  @ResponseBody
  SseEmitter feed(@AuthenticationPrincipal HubPrincipal me) {
    return feed.open(me.scope());
  }
}
