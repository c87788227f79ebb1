package org.gridguard.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are bounded, per route: the first {@link BodyLimit} that matches the request —
 * imports ({@code **}{@code /import}: {@code gridguard.security.max-import-body}), then the ones
 * features declare as beans (patrol photos) — else {@code gridguard.security.max-request-body}.
 * A declared Content-Length beyond it is answered 413 before anything is read; a chunked body is
 * counted as it is read and fails with 413 once past the limit. The 413 says which limit and
 * which key sets it. Runs before security, so an anonymous caller cannot make the hub buffer a
 * large body either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {
  private final BodyLimit fallback;
  private final List<BodyLimit> routes;
  private final ObjectMapper json;

  RequestBodyLimitFilter(RequestBodyLimits config, List<BodyLimit> declared, ObjectMapper json) {
    this.fallback = new BodyLimit(null, "/**", config.maxRequestBody(), "a request body",
        "gridguard.security.max-request-body");
    List<BodyLimit> all = new ArrayList<>();
    all.add(new BodyLimit(null, "/**/import", config.maxImportBody(), "an import",
        "gridguard.security.max-import-body"));
    all.addAll(declared);
    this.routes = List.copyOf(all);
    this.json = json;
  }

  /** The limit for a request. */
  BodyLimit limitFor(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    for (BodyLimit route : routes) {
      if (route.matches(request.getMethod(), path)) {
        return route;
      }
    }
    return fallback;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    BodyLimit route = limitFor(request);
    long limit = route.max().toBytes();
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(request, response, route);
      return;
    }
    try {
      chain.doFilter(new Bounded(request, limit), response);
    } catch (BodyTooLargeException e) {
      tooLarge(request, response, route);
    } catch (ServletException | RuntimeException e) {
      if (causedByTooLarge(e)) {
        tooLarge(request, response, route);
      } else {
        throw e;
      }
    }
  }

  private static boolean causedByTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response, BodyLimit route)
      throws IOException {
    response.setHeader("Connection", "close");
    Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
        "the request body is larger than " + route.max().toBytes() + " bytes, the limit for "
            + route.what() + " here: send less, or raise " + route.key(),
        request.getRequestURI()));
  }

  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("request body too large");
    }
  }

  private static final class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
              throw new BodyTooLargeException();
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
