package org.gridguard.hub.patrol;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /patrol/api/tasks}: the patrol phone page's data, on the console's session (cookie, CSRF
 * token) rather than a bearer token — the same {@link TaskService} as the REST API's
 * {@link TaskController}, so roles, scope and states are identical. Every action carries an
 * {@code Idempotency-Key} ({@link ClientActions}): the page's offline queue resends what it is
 * not sure was done, and a resend is answered with the task as it is now and the header
 * {@code Idempotent-Replayed: true}. Errors are problem details, as in the REST API.
 */
@RestController
@RequestMapping("/patrol/api/tasks")
class PhoneTaskController {
  static final String REPLAYED = "Idempotent-Replayed";
  /** Finished tasks the phone lists below the open ones. */
  static final int DONE_SHOWN = 20;

  /**
   * The phone's list and the caller's feed sequence read just before it: a page that has no
   * sequence of its own subscribes after {@code head} and misses nothing (a change committed
   * between the two reads comes again through the feed, which the page applies idempotently).
   */
  record Board(long head, List<TaskView> tasks) {}

  private final TaskService tasks;
  private final ClientActions once;
  private final FeedReader feed;

  PhoneTaskController(TaskService tasks, ClientActions once, FeedReader feed) {
    this.tasks = tasks;
    this.once = once;
    this.feed = feed;
  }

  /**
   * The caller's tasks, open first. The response carries the session's CSRF token in its
   * header, so a page shown from the phone's cache (with a token of an older session) can send
   * its queued actions after the session was renewed (remember-me).
   */
  @GetMapping
  @PreAuthorize(TaskController.MEMBERS)
  Board board(@AuthenticationPrincipal HubPrincipal caller, CsrfToken csrf,
      HttpServletResponse response) {
    if (csrf != null) {
      response.setHeader(csrf.getHeaderName(), csrf.getToken());
    }
    response.setHeader("Cache-Control", "no-store");
    long head = feed.head(caller.username());
    return new Board(head, tasks.board(caller, DONE_SHOWN));
  }

  @GetMapping("/{id}")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    return tasks.get(caller, id);
  }

  @PostMapping("/{id}/delivered")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView delivered(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      HttpServletResponse response) {
    return answer(once.once(caller, key, id, "delivered", () -> tasks.delivered(caller, id),
        () -> tasks.get(caller, id)), response);
  }

  @PostMapping("/{id}/accept")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView accept(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      HttpServletRequest request, HttpServletResponse response) {
    String address = ClientAddress.of(request);
    return answer(once.once(caller, key, id, "accept", () -> tasks.accept(caller, id, address),
        () -> tasks.get(caller, id)), response);
  }

  @PostMapping("/{id}/arrive")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView arrive(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      @RequestBody(required = false) TaskController.Arrival body, HttpServletRequest request,
      HttpServletResponse response) {
    String address = ClientAddress.of(request);
    Double lat = body == null ? null : body.lat();
    Double lon = body == null ? null : body.lon();
    return answer(once.once(caller, key, id, "arrive", () -> tasks.arrive(caller, id, lat, lon,
        address), () -> tasks.get(caller, id)), response);
  }

  @PostMapping("/{id}/notes")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView note(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      @RequestBody(required = false) TaskController.Note body, HttpServletResponse response) {
    String text = body == null ? null : body.text();
    return answer(once.once(caller, key, id, "note", () -> tasks.note(caller, id, text),
        () -> tasks.get(caller, id)), response);
  }

  @PostMapping("/{id}/resolve")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView resolve(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      @RequestBody(required = false) TaskController.Resolution body, HttpServletRequest request,
      HttpServletResponse response) {
    String address = ClientAddress.of(request);
    String note = body == null ? null : body.note();
    return answer(once.once(caller, key, id, "resolve", () -> tasks.resolve(caller, id, note,
        address), () -> tasks.get(caller, id)), response);
  }

  @PostMapping("/{id}/return")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView giveBack(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      @RequestBody(required = false) TaskController.GiveBack body, HttpServletRequest request,
      HttpServletResponse response) {
    String address = ClientAddress.of(request);
    String reason = body == null ? null : body.reason();
    return answer(once.once(caller, key, id, "return", () -> tasks.giveBack(caller, id, reason,
        address), () -> tasks.get(caller, id)), response);
  }

  /** A photo as the multipart part {@code photo} (the page downscales it first). */
  @PostMapping("/{id}/photos")
  @PreAuthorize(TaskController.MEMBERS)
  TaskView photo(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestHeader(name = ClientActions.HEADER, required = false) String key,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    ClientActions.check(key);
    if (!(request instanceof MultipartHttpServletRequest multipart)) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the photo as "
          + "multipart/form-data with a part named 'photo'");
    }
    MultipartFile photo = multipart.getFile("photo");
    if (photo == null || photo.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "photo: send the image as the "
          + "multipart part named 'photo'");
    }
    String address = ClientAddress.of(request);
    try (InputStream in = photo.getInputStream()) {
      ClientActions.Outcome outcome = once.once(caller, key, id, "photo", () -> tasks.photo(caller,
          id, in, address), () -> tasks.get(caller, id));
      response.setStatus(outcome.replayed() ? 200 : 201);
      return answer(outcome, response);
    }
  }

  private static TaskView answer(ClientActions.Outcome outcome, HttpServletResponse response) {
    if (outcome.replayed()) {
      response.setHeader(REPLAYED, "true");
    }
    return outcome.task();
  }
}
