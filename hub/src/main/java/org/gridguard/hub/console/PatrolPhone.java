package org.gridguard.hub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridguard.hub.patrol.PatrolFeed;
import org.gridguard.hub.patrol.PatrolProperties;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The patrol phone's task part of {@code /patrol} (for members with tasks: PATROL, ADMIN): the
 * live feed of the member's tasks on the session ({@code GET /patrol/feed}, {@link PatrolFeed} —
 * {@code after=} or {@code Last-Event-ID}, heartbeats as {@code :hb} comments), and what the
 * page's script needs to render tasks offline: its texts in the reader's language, category
 * names and the heartbeat interval. The task data itself comes from the patrol package's
 * session endpoints ({@code /patrol/api/tasks}).
 */
@Controller
class PatrolPhone {
  /** Roles that have tasks (as the REST API's task endpoints). */
  static final String MEMBERS = "hasAnyRole('ADMIN','PATROL')";
  /** The texts the page's script renders with (all under {@code phone.}). */
  static final List<String> KEYS = List.of("phone.mine.empty", "phone.newTask", "phone.live.on",
      "phone.live.reconnecting", "phone.live.connecting", "phone.live.signedOut", "phone.offline",
      "phone.queue", "phone.queue.signin", "phone.queue.full", "phone.failed", "phone.failed.hint",
      "phone.failed.dismiss", "phone.back", "phone.state.NEW", "phone.state.DELIVERED",
      "phone.state.ACCEPTED", "phone.state.ARRIVED", "phone.state.RESOLVED",
      "phone.state.RETURNED", "phone.state.WITHDRAWN", "phone.act.accept", "phone.act.arrive",
      "phone.act.note", "phone.act.photo", "phone.act.resolve", "phone.act.return",
      "phone.act.delivered", "phone.text.label", "phone.text.hint", "phone.need.note",
      "phone.need.resolve", "phone.need.return", "phone.navigate", "phone.map.label",
      "phone.noLocation", "phone.field.category", "phone.field.grid", "phone.field.created",
      "phone.field.state", "phone.field.reason", "phone.notes", "phone.photos",
      "phone.photo.queued", "phone.photo.tooMany", "phone.photo.bad", "phone.pending",
      "phone.location.failed", "phone.loadFailed", "phone.why.400", "phone.why.403",
      "phone.why.404", "phone.why.409", "phone.why.410", "phone.why.413", "phone.why.other",
      "phone.retry.server", "phone.replayed", "phone.sent", "phone.open");

  private final PatrolFeed feed;
  private final PatrolProperties config;
  private final MessageSource messages;
  private final Catalog catalog;
  private final ObjectMapper json;

  PatrolPhone(PatrolFeed feed, PatrolProperties config, MessageSource messages, Catalog catalog,
      ObjectMapper json) {
    this.feed = feed;
    this.config = config;
    this.messages = messages;
    this.catalog = catalog;
    this.json = json;
  }

  /** Whether {@code me} gets tasks (and so the task part of the page). */
  static boolean hasTasks(HubPrincipal me) {
    return me.has(Role.PATROL) || me.has(Role.ADMIN);
  }

  @GetMapping(value = "/patrol/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @PreAuthorize(MEMBERS)
  @ResponseBody
  SseEmitter feed(@AuthenticationPrincipal HubPrincipal me,
      @RequestParam(required = false) String after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    // the stream's end is an ASYNC dispatch, let through as this authorised request's continuation
    return feed.open(me, after, lastEventId);
  }

  /** The page's task part: texts, category names, heartbeat, whose phone this is. */
  void fill(Model model, HubPrincipal me) {
    Locale locale = LocaleContextHolder.getLocale();
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : KEYS) {
      texts.put(key.substring("phone.".length()), messages.getMessage(key, null, locale));
    }
    Map<String, String> categories = new LinkedHashMap<>();
    catalog.categories().forEach(c -> categories.put(c.code(), catalog.name(c.code())));
    model.addAttribute("phoneTexts", write(texts));
    model.addAttribute("phoneCategories", write(categories));
    model.addAttribute("phoneHeartbeatMs", config.heartbeat().toMillis());
    model.addAttribute("phoneUser", me.username());
    // when this copy of the page was made: a page opened from the phone's cache shows an older one
    model.addAttribute("phoneServedAt", java.time.Instant.now().toString());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the phone page's texts as JSON", e);
    }
  }
}
