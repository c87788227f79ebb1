package org.gridguard.hub.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every REST error as an RFC 9457 problem detail: 400 names every bad field or parameter (with
 * {@code errors: [{field, reason}]}), 401/403/404/409/413/429 share the same body, and a 500 says
 * only that something failed (the stack trace goes to the log, never to the client). Security's
 * 429 for too many sign-in failures comes from its own advice, ordered before this one, in the
 * same shape ({@link Problems}).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  record FieldProblem(String field, String reason) {}

  @ExceptionHandler(BadCredentialsException.class)
  ResponseEntity<ProblemDetail> badCredentials(BadCredentialsException e,
      HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(problem(HttpStatus.UNAUTHORIZED, e.getMessage(), request));
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e,
      HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(problem(HttpStatus.UNAUTHORIZED, "sign in first", request));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN,
        "your roles do not allow this; ask an administrator", request));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e,
      HttpServletRequest request) {
    List<FieldProblem> errors = e.getConstraintViolations().stream()
        .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
        .toList();
    return badRequest(errors, request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e,
      HttpServletRequest request) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getMessage(), request));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e,
      HttpServletRequest request) {
    log.info("request {} violated a database constraint: {}", request.getRequestURI(),
        e.getMostSpecificCause().getMessage());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT,
        "the change conflicts with existing data (a duplicate, or a reference to something that "
            + "does not exist or is still in use)", request));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (tooLarge(e)) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(
          HttpStatus.PAYLOAD_TOO_LARGE, "the request body is larger than the limit here", request));
    }
    log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "the hub could not complete the request; it is logged — try again, or tell an "
            + "administrator if it persists", request));
  }

  /** A body cut off by {@link RequestBodyLimitFilter} is 413 however the reader reported it. */
  @Override
  protected ResponseEntity<Object> handleErrorResponseException(
      org.springframework.web.ErrorResponseException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    if (tooLarge(e)) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemDetail
          .forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
              "the request body is larger than the limit here (see gridguard.security.max-*-body)"));
    }
    return super.handleErrorResponseException(e, headers, status, request);
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestBodyLimitFilter.BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        summary(errors));
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
            r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
        .toList();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        summary(errors));
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (tooLarge(e)) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemDetail
          .forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
              "the request body is larger than the limit here (see gridguard.security.max-*-body)"));
    }
    String detail;
    String field = null;
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      detail = "unknown field '" + unknown.getPropertyName() + "'";
    } else if (cause instanceof InvalidFormatException format) {
      detail = "cannot read '" + shorten(String.valueOf(format.getValue())) + "' as "
          + format.getTargetType().getSimpleName();
    } else if (cause instanceof MismatchedInputException mismatch) {
      detail = "wrong type, expected " + (mismatch.getTargetType() == null ? "another type"
          : mismatch.getTargetType().getSimpleName());
    } else {
      detail = "the body is not valid JSON";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        field == null ? detail : field + ": " + detail);
    if (field != null) {
      problem.setProperty("errors", List.of(new FieldProblem(field, detail)));
    }
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      org.springframework.beans.TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
        : e.getPropertyName();
    String type = e.getRequiredType() == null ? "the expected type"
        : e.getRequiredType().getSimpleName();
    String reason = "cannot read '" + shorten(String.valueOf(e.getValue())) + "' as " + type;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        name + ": " + reason);
    problem.setProperty("errors", List.of(new FieldProblem(name, reason)));
    return ResponseEntity.badRequest().body(problem);
  }

  private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> errors,
      HttpServletRequest request) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, summary(errors), request);
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  private static ProblemDetail problem(HttpStatus status, String detail,
      HttpServletRequest request) {
    return Problems.of(status, detail, request.getRequestURI());
  }

  private static String summary(List<FieldProblem> errors) {
    return errors.stream().map(f -> f.field() + ": " + f.reason())
        .collect(Collectors.joining("; "));
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  /** For tests and OpenAPI: the fields of a 400 body. */
  static Map<String, String> describe() {
    return Map.of("errors", "[{field, reason}]");
  }
}
