package org.gridguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Sign-in and tokens end to end: the bootstrap admin and its forced password change, failed
 * sign-in limits per user and per address (429 + Retry-After), token expiry and revocation,
 * disabling a user, and the audit lines all of it leaves.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignInIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  static Path dir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    dir = Files.createTempDirectory("gg-signin");
    HubTestProperties.localHub(registry, influxd, "gg_signin", dir);
    registry.add("gridguard.security.token-ttl", () -> "3s");
    registry.add("gridguard.security.sign-in-max-failures", () -> "5");
    registry.add("gridguard.security.sign-in-window", () -> "5m");
  }

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;
  TestUsers testUsers;

  @BeforeEach
  void setUp() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
  }

  private MockHttpServletRequestBuilder signIn(String user, String password, String address) {
    return post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
        .content("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
        .with(r -> {
          r.setRemoteAddr(address);
          return r;
        });
  }

  private String token(String user, String password, String address) throws Exception {
    JsonNode body = json.readTree(mvc.perform(signIn(user, password, address))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    return body.get("token").asText();
  }

  @Test
  void bootstrapAdmin_generatedPasswordInOwnerOnlyFile_mustBeChangedFirst() throws Exception {
    Path file = dir.resolve("bootstrap-admin-password");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String password = Files.readString(file).trim();
    String token = token("admin", password, "10.0.0.1");
    mvc.perform(get("/api/v1/gateways").header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("change your password")));
    mvc.perform(post("/api/v1/auth/password").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"currentPassword\":\"" + password + "\",\"newPassword\":\"short\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("newPassword")));
    mvc.perform(post("/api/v1/auth/password").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"currentPassword\":\"" + password + "\",\"newPassword\":\"a-new-admin-pass\"}"))
        .andExpect(status().isNoContent());
    // the old token is revoked by the change; the new password works and lifts the restriction
    mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized());
    String fresh = token("admin", "a-new-admin-pass", "10.0.0.1");
    mvc.perform(get("/api/v1/gateways").header("Authorization", "Bearer " + fresh))
        .andExpect(status().isOk());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'user.password-change' AND actor = 'admin' AND outcome = 'SUCCESS'", Integer.class))
        .isEqualTo(1);
    assertThat(Files.readString(dir.resolve("bootstrap-admin-password"))).doesNotContain("a-new");
  }

  @Test
  void signIn_fiveFailuresForOneUser_sixthRefused429EvenWithRightPassword() throws Exception {
    testUsers.create("locky", GridScope.all(), Role.VIEWER);
    for (int i = 0; i < 5; i++) {
      mvc.perform(signIn("locky", "wrong-" + i, "10.0.1." + i)).andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.status").value(401));
    }
    mvc.perform(signIn("locky", TestUsers.PASSWORD, "10.0.1.99"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("try again")));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'auth.sign-in' AND actor = 'locky' AND outcome = 'FAILURE'", Integer.class))
        .isEqualTo(6);
  }

  @Test
  void signIn_fiveFailuresFromOneAddress_otherUsersRefusedFromThere() throws Exception {
    testUsers.create("bystander", GridScope.all(), Role.VIEWER);
    for (int i = 0; i < 5; i++) {
      mvc.perform(signIn("guess-" + i, "x-password", "10.0.2.1"))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(signIn("bystander", TestUsers.PASSWORD, "10.0.2.1"))
        .andExpect(status().isTooManyRequests());
    mvc.perform(signIn("bystander", TestUsers.PASSWORD, "10.0.2.2"))
        .andExpect(status().isCreated());
  }

  @Test
  void token_afterTtl_refused401() throws Exception {
    testUsers.create("shortlived", GridScope.all(), Role.VIEWER);
    String token = token("shortlived", TestUsers.PASSWORD, "10.0.3.1");
    mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    org.awaitility.Awaitility.await("token refused after its 3 s lifetime")
        .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .until(() -> mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
            .andReturn().getResponse().getStatus() == 401);
  }

  @Test
  void revoke_ownToken_refusedAfterwardsOtherTokensStillWork() throws Exception {
    testUsers.create("revoker", GridScope.all(), Role.DISPATCHER);
    String first = token("revoker", TestUsers.PASSWORD, "10.0.4.1");
    String second = token("revoker", TestUsers.PASSWORD, "10.0.4.1");
    mvc.perform(post("/api/v1/auth/revoke").header("Authorization", "Bearer " + first))
        .andExpect(status().isNoContent());
    mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + first))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revoked")));
    mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + second))
        .andExpect(status().isOk());
  }

  @Test
  void disable_user_revokesTokensAndRefusesSignIn() throws Exception {
    testUsers.create("boss", GridScope.all(), Role.ADMIN);
    testUsers.create("leaver", GridScope.of(Set.of("330102001")), Role.PATROL);
    String leaver = token("leaver", TestUsers.PASSWORD, "10.0.5.1");
    mvc.perform(post("/api/v1/users/leaver/disable")
            .header("Authorization", testUsers.bearer("boss")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
    mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + leaver))
        .andExpect(status().isUnauthorized());
    mvc.perform(signIn("leaver", TestUsers.PASSWORD, "10.0.5.2"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void townAdmin_managesOnlyInsideItsTown() throws Exception {
    testUsers.create("town-admin", GridScope.of(Set.of("330102001")), Role.ADMIN);
    testUsers.gridsExist("330102001001");
    testUsers.create("other-town-patrol", GridScope.of(Set.of("330102002001")), Role.PATROL);
    String bearer = testUsers.bearer("town-admin");
    mvc.perform(post("/api/v1/users").header("Authorization", bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"new-patrol\",\"roles\":[\"PATROL\"],\"globalScope\":false,"
                + "\"scope\":[\"330102002001\"]}"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/users").header("Authorization", bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"new-patrol\",\"roles\":[\"PATROL\"],\"globalScope\":true}"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/users/other-town-patrol").header("Authorization", bearer))
        .andExpect(status().isNotFound());
    mvc.perform(post("/api/v1/users/other-town-patrol/password-reset").header("Authorization", bearer))
        .andExpect(status().isNotFound());
    String created = mvc.perform(post("/api/v1/users").header("Authorization", bearer)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\":\"new-patrol\",\"roles\":[\"PATROL\"],\"globalScope\":false,"
                + "\"scope\":[\"330102001001\"]}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    String temporary = json.readTree(created).get("temporaryPassword").asText();
    JsonNode signedIn = json.readTree(mvc.perform(signIn("new-patrol", temporary, "10.0.6.1"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    assertThat(signedIn.get("passwordChangeRequired").asBoolean()).isTrue();
    assertThat(created).doesNotContain("passwordHash");
  }
}
