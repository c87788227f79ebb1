package org.gridguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Runs {@link AccessMatrix} against the real filter chains and method security with real bearer
 * tokens, for each role and anonymously; subclasses choose the database (H2, PostgreSQL).
 */
abstract class AccessMatrixContract {
  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  TestUsers testUsers;

  @BeforeEach
  void users() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    for (Role role : Role.values()) {
      testUsers.create("matrix-" + role.name().toLowerCase(), GridScope.all(), role);
    }
  }

  @Test
  void everyEndpoint_everyRole_getsTheTablesStatus() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (AccessMatrix.Row row : AccessMatrix.rows()) {
      for (Role role : Role.values()) {
        int expected = row.allowed().contains(role) ? row.allowedStatus() : 403;
        int actual = call(row, testUsers.bearer("matrix-" + role.name().toLowerCase()));
        if (actual != expected) {
          wrong.add(row + " as " + role + ": expected " + expected + ", got " + actual);
        }
      }
      MvcResult anonymous = mvc.perform(build(row, null)).andReturn();
      int status = anonymous.getResponse().getStatus();
      boolean ok = switch (row.anonymous()) {
        case UNAUTHORIZED -> status == 401;
        case OPEN -> status == row.allowedStatus();
        case CSRF_FORBIDDEN -> status == 403;
        case LOGIN_REDIRECT -> status == 302
            && String.valueOf(anonymous.getResponse().getRedirectedUrl()).endsWith("/login");
      };
      if (!ok) {
        wrong.add(row + " anonymously: expected " + row.anonymous() + ", got " + status);
      }
    }
    assertThat(wrong).as("role x endpoint mismatches").isEmpty();
  }

  @Test
  void everyHandlerMapping_hasARowInTheMatrix() {
    Set<String> inTable = new TreeSet<>();
    AccessMatrix.rows().forEach(r -> inTable.add(r.method() + " " + r.pattern()));
    Set<String> missing = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<String> patterns = info.getPatternValues();
      Set<String> methods = new TreeSet<>();
      info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
      if (methods.isEmpty()) {
        methods.add("GET");
      }
      for (String pattern : patterns) {
        if (AccessMatrix.NOT_ENDPOINTS.contains(pattern)) {
          continue;
        }
        for (String method : methods) {
          if (!inTable.contains(method + " " + pattern)) {
            missing.add(method + " " + pattern);
          }
        }
      }
    }
    assertThat(missing).as("endpoints without a row in AccessMatrix").isEmpty();
  }

  @Test
  void openApi_describesEveryApiEndpointOfTheMatrix() throws Exception {
    String docs = mvc.perform(request(HttpMethod.GET, "/v3/api-docs")
        .header("Authorization", testUsers.bearer("matrix-viewer")))
        .andReturn().getResponse().getContentAsString();
    com.fasterxml.jackson.databind.JsonNode paths =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(docs).path("paths");
    List<String> missing = new ArrayList<>();
    for (AccessMatrix.Row row : AccessMatrix.rows()) {
      if (row.pattern().startsWith("/api/")
          && paths.path(row.pattern()).path(row.method().toLowerCase()).isMissingNode()) {
        missing.add(row.method() + " " + row.pattern());
      }
    }
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
  }

  private int call(AccessMatrix.Row row, String bearer) throws Exception {
    return mvc.perform(build(row, bearer)).andReturn().getResponse().getStatus();
  }

  private static MockHttpServletRequestBuilder build(AccessMatrix.Row row, String bearer) {
    MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()), row.path());
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    if (row.body() != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(row.body());
    }
    return request;
  }
}
