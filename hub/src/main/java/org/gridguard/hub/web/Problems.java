package org.gridguard.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details written outside Spring MVC (security filters), in the same shape the
 * MVC handler ({@link ApiExceptionHandler}) produces: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}.
 */
public final class Problems {
  private Problems() {}

  public static ProblemDetail of(HttpStatus status, String detail, String instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (instance != null) {
      problem.setInstance(URI.create(instance.replaceAll("[^A-Za-z0-9/._~-]", "_")));
    }
    return problem;
  }

  public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
