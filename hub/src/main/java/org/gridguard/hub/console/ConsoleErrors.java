package org.gridguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors of console pages as a page in the reader's language saying what happened and what to do
 * next (the REST API keeps its problem details; this advice only covers the console package and
 * runs before the API's).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {
  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  private final ConsoleModel common;

  ConsoleErrors(ConsoleModel common) {
    this.common = common;
  }

  @ExceptionHandler(ResponseStatusException.class)
  String status(ResponseStatusException e, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(e.getStatusCode().value(), e.getReason(), model, request, response);
  }

  @ExceptionHandler(AccessDeniedException.class)
  String denied(Model model, HttpServletRequest request, HttpServletResponse response) {
    return page(403, null, model, request, response);
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class,
      MissingServletRequestParameterException.class})
  String badParameter(Exception e, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(400, e.getMessage(), model, request, response);
  }

  /** A browser left a live stream (tab closed, network gone): nothing to answer, nothing to log. */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientGone() {
    // the stream is closed by LiveFeed through the emitter's callbacks
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    log.error("console page {} failed", request.getRequestURI(), e);
    return page(500, null, model, request, response);
  }

  private String page(int status, String detail, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    response.setStatus(status);
    common.fill(model, request, SecurityContextHolder.getContext().getAuthentication() != null
        && SecurityContextHolder.getContext().getAuthentication().getPrincipal()
            instanceof HubPrincipal p ? p : null);
    model.addAttribute("status", status);
    // the statuses the bundles explain; anything else as the nearest of them
    model.addAttribute("kind", java.util.Set.of(400, 403, 404, 409, 429, 503).contains(status)
        ? status : status >= 500 ? 500 : 400);
    model.addAttribute("reason", HttpStatus.valueOf(status).getReasonPhrase());
    model.addAttribute("detail", detail);
    return "error/console";
  }
}
