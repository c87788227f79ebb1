package org.gridguard.hub.console;

import java.time.Duration;
import org.gridguard.hub.incident.IncidentAction;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentView;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A workflow step taken from a page (console or patrol), through {@link IncidentService}. A
 * refusal the user can fix (409: the state moved on; 400: a note is missing; 403: not your step)
 * comes back as an {@link Outcome} with the incident as it is now, so the page can show both; an
 * incident the user may not see stays a 404 page.
 */
@Component
class IncidentActions {
  /** What a page shows after an action. */
  public record Error(int status, String messageKey, String detail) {}

  record Outcome(IncidentView incident, String action, Error error) {}

  private final IncidentService incidents;

  IncidentActions(IncidentService incidents) {
    this.incidents = incidents;
  }

  Outcome take(HubPrincipal me, long id, String action, String note, String duration,
      String address) {
    IncidentAction a = IncidentAction.fromPath(action == null ? "" : action).orElse(null);
    if (a == null) {
      return refused(me, id, action, new Error(400, "action.error.unknown", action));
    }
    String text = note == null || note.isBlank() ? null : note.strip();
    Duration d = null;
    if (a == IncidentAction.EXTEND) {
      try {
        d = DurationStyle.detectAndParse(duration == null ? "" : duration.strip());
      } catch (IllegalArgumentException e) {
        return refused(me, id, action, new Error(400, "action.error.duration", duration));
      }
    }
    try {
      return new Outcome(incidents.act(me, id, a, text, d, address), action, null);
    } catch (ResponseStatusException e) {
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        throw e;
      }
      int status = e.getStatusCode().value();
      String key = switch (status) {
        case 409 -> "action.error.conflict";
        case 403 -> "action.error.forbidden";
        default -> "action.error.invalid";
      };
      return refused(me, id, action, new Error(status, key, e.getReason()));
    }
  }

  private Outcome refused(HubPrincipal me, long id, String action, Error error) {
    return new Outcome(incidents.get(me, id), action, error);
  }
}
