package org.gridguard.hub.patrol;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.gridguard.hub.security.ClientAddress;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/v1/patrol/tasks}: a patrol member's own tasks and what they do with them. */
@RestController
@RequestMapping("/api/v1/patrol/tasks")
@Tag(name = "patrol tasks", description = "a patrol member's tasks, their actions and photos")
class TaskController {
  static final String MEMBERS = "hasAnyRole('ADMIN','PATROL')";
  /** Who sees evidence, photos included (technicians do not: privacy). */
  static final String VIEWERS = "hasAnyRole('ADMIN','DISPATCHER','PATROL','GRID_MEMBER','VIEWER')";

  record Arrival(Double lat, Double lon) {}

  record Note(String text) {}

  record Resolution(String note) {}

  record GiveBack(String reason) {}

  private final TaskService tasks;

  TaskController(TaskService tasks) {
    this.tasks = tasks;
  }

  @GetMapping
  @PreAuthorize(MEMBERS)
  List<TaskView> mine(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) Long before,
      @RequestParam(defaultValue = "50") int limit) {
    return tasks.mine(caller, state, before, limit);
  }

  @GetMapping("/{id}")
  @PreAuthorize(MEMBERS)
  TaskView get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return tasks.get(caller, id);
  }

  @PostMapping("/{id}/delivered")
  @PreAuthorize(MEMBERS)
  TaskView delivered(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id) {
    return tasks.delivered(caller, id);
  }

  @PostMapping("/{id}/accept")
  @PreAuthorize(MEMBERS)
  TaskView accept(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      HttpServletRequest request) {
    return tasks.accept(caller, id, ClientAddress.of(request));
  }

  @PostMapping("/{id}/arrive")
  @PreAuthorize(MEMBERS)
  TaskView arrive(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody Arrival body, HttpServletRequest request) {
    return tasks.arrive(caller, id, body.lat(), body.lon(), ClientAddress.of(request));
  }

  @PostMapping("/{id}/notes")
  @PreAuthorize(MEMBERS)
  @ResponseStatus(HttpStatus.CREATED)
  TaskView note(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody Note body) {
    return tasks.note(caller, id, body.text());
  }

  /**
   * A photo as the multipart part {@code photo}. The request is checked by hand rather than with
   * {@code consumes}: a mapping condition would answer 415 before the role check.
   */
  @PostMapping("/{id}/photos")
  @PreAuthorize(MEMBERS)
  @ResponseStatus(HttpStatus.CREATED)
  TaskView photo(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      HttpServletRequest request) throws IOException {
    if (!(request instanceof MultipartHttpServletRequest multipart)) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the photo as "
          + "multipart/form-data with a part named 'photo'");
    }
    MultipartFile photo = multipart.getFile("photo");
    if (photo == null || photo.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "photo: send the image as the "
          + "multipart part named 'photo'");
    }
    try (InputStream in = photo.getInputStream()) {
      return tasks.photo(caller, id, in, ClientAddress.of(request));
    }
  }

  @GetMapping("/{id}/photos/{photoId}")
  @PreAuthorize(VIEWERS)
  @Operation(summary = "a task's photo, with its stored content type (Range: bytes=... → 206)",
      description = "for everyone who sees evidence, scoped by the task's grid (outside it 404); "
          + "every request is audited as patrol.photo.view; a photo purged by retention is 410")
  ResponseEntity<FileSystemResource> photoFile(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable long id, @PathVariable long photoId, HttpServletRequest request) {
    return tasks.photoFile(caller, id, photoId, ClientAddress.of(request));
  }

  @PostMapping("/{id}/resolve")
  @PreAuthorize(MEMBERS)
  TaskView resolve(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody(required = false) Resolution body, HttpServletRequest request) {
    return tasks.resolve(caller, id, body == null ? null : body.note(), ClientAddress.of(request));
  }

  @PostMapping("/{id}/return")
  @PreAuthorize(MEMBERS)
  TaskView giveBack(@AuthenticationPrincipal HubPrincipal caller, @PathVariable long id,
      @RequestBody(required = false) GiveBack body, HttpServletRequest request) {
    return tasks.giveBack(caller, id, body == null ? null : body.reason(),
        ClientAddress.of(request));
  }
}
