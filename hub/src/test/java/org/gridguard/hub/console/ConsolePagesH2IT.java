package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.TestUsers;
import org.gridguard.hub.security.TokenService;
import org.gridguard.hub.security.UserRepository;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console's sign-in, language and "stay signed in on this phone" through the real filter
 * chain (MockMvc, H2): CSRF on the form, the language cookie, hashed and rotating remember-me
 * tokens, theft detection, revocation.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsolePagesH2IT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("gg-console-pages");
    HubTestProperties.localHub(registry, influxd, "gg_console_pages", dir);
    registry.add("gridguard.security.sign-in-max-failures", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired PasswordEncoder encoder;
  @Autowired GridImporter grids;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void user() {
    new TestUsers(users, tokens, encoder, grids).create("phone-a",
        GridScope.of(Set.of("330102001001")), Role.PATROL);
    users.setEnabled(users.findByUsername("phone-a").orElseThrow().id(), true);
    jdbc.update("DELETE FROM console_remember_me");
  }

  private MvcResult signIn(boolean remember) throws Exception {
    var request = post("/login").param("username", "phone-a")
        .param("password", TestUsers.PASSWORD).with(csrf());
    if (remember) {
      request.param("remember-me", "true");
    }
    return mvc.perform(request).andReturn();
  }

  private static String[] parts(Cookie cookie) {
    return new String(Base64.getDecoder().decode(cookie.getValue())).split(":");
  }

  @Test
  void login_withoutCsrfToken_isRefused() throws Exception {
    int status = mvc.perform(post("/login").param("username", "phone-a")
        .param("password", TestUsers.PASSWORD)).andReturn().getResponse().getStatus();
    assertThat(status).isEqualTo(403);
  }

  @Test
  void login_patrol_landsOnThePhonePage() throws Exception {
    MvcResult signedIn = signIn(false);
    assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
    MvcResult home = mvc.perform(get("/").session(
        (org.springframework.mock.web.MockHttpSession) signedIn.getRequest().getSession()))
        .andReturn();
    assertThat(home.getResponse().getRedirectedUrl()).isEqualTo("/patrol");
  }

  @Test
  void login_wrongPassword_backToTheFormWithTheError() throws Exception {
    MvcResult r = mvc.perform(post("/login").param("username", "phone-a")
        .param("password", "wrong-password").with(csrf())).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
  }

  @Test
  void loginPage_defaultIsChinese_langParameterSetsTheCookie() throws Exception {
    String zh = mvc.perform(get("/login").header("Accept-Language", "fr"))
        .andReturn().getResponse().getContentAsString();
    assertThat(zh).contains("lang=\"zh-CN\"").contains("登录");
    MvcResult en = mvc.perform(get("/login").param("lang", "en")).andReturn();
    assertThat(en.getResponse().getContentAsString()).contains("lang=\"en\"").contains("Sign in");
    Cookie cookie = en.getResponse().getCookie(ConsoleWebConfig.LANG_COOKIE);
    assertThat(cookie).isNotNull();
    String again = mvc.perform(get("/login").cookie(cookie)).andReturn().getResponse()
        .getContentAsString();
    assertThat(again).contains("lang=\"en\"");
  }

  @Test
  void rememberMe_cookieAlone_signsInAndStoresOnlyTheTokensHash() throws Exception {
    Cookie cookie = signIn(true).getResponse().getCookie(PhoneSignIn.COOKIE);
    assertThat(cookie).isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();
    String[] seriesAndToken = parts(cookie);
    List<String> stored = jdbc.queryForList("SELECT token_hash FROM console_remember_me WHERE "
        + "series = ?", String.class, seriesAndToken[0]);
    assertThat(stored).containsExactly(PhoneSignIn.sha256(seriesAndToken[1]));

    MvcResult page = mvc.perform(get("/patrol").cookie(cookie)).andReturn();
    assertThat(page.getResponse().getStatus()).isEqualTo(200);
    Cookie rotated = page.getResponse().getCookie(PhoneSignIn.COOKIE);
    assertThat(rotated).isNotNull();
    assertThat(parts(rotated)[0]).isEqualTo(seriesAndToken[0]);
    assertThat(parts(rotated)[1]).isNotEqualTo(seriesAndToken[1]);
  }

  @Test
  void rememberMe_oldCookieReplayed_signsOutEveryPhoneOfTheUser() throws Exception {
    Cookie first = signIn(true).getResponse().getCookie(PhoneSignIn.COOKIE);
    signIn(true); // a second phone
    Cookie rotated = mvc.perform(get("/patrol").cookie(first)).andReturn().getResponse()
        .getCookie(PhoneSignIn.COOKIE);
    assertThat(rotated).isNotNull();
    MvcResult replay = mvc.perform(get("/patrol").cookie(first)).andReturn();
    assertThat(replay.getResponse().getRedirectedUrl()).endsWith("/login");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_remember_me", Integer.class))
        .isZero();
    assertThat(mvc.perform(get("/patrol").cookie(rotated)).andReturn().getResponse()
        .getRedirectedUrl()).endsWith("/login");
  }

  @Test
  void rememberMe_disabledUser_isRefusedAndItsLoginDeleted() throws Exception {
    Cookie cookie = signIn(true).getResponse().getCookie(PhoneSignIn.COOKIE);
    users.setEnabled(users.findByUsername("phone-a").orElseThrow().id(), false);
    MvcResult r = mvc.perform(get("/patrol").cookie(cookie)).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).endsWith("/login");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_remember_me", Integer.class))
        .isZero();
  }

  @Test
  void session_userDisabledMeanwhile_nextPageRequestRedirectsToLogin() throws Exception {
    TestUsers admins = new TestUsers(users, tokens, encoder, grids);
    if (users.findByUsername("pages-admin").isEmpty()) {
      admins.create("pages-admin", GridScope.all(), Role.ADMIN);
    }
    var session = (org.springframework.mock.web.MockHttpSession) signIn(false).getRequest()
        .getSession();
    assertThat(mvc.perform(get("/patrol").session(session)).andReturn().getResponse()
        .getStatus()).isEqualTo(200);
    // an administrator disables the user through the API (tokens and phone logins go too)
    assertThat(mvc.perform(post("/api/v1/users/phone-a/disable").header("Authorization",
        admins.bearer("pages-admin"))).andReturn().getResponse().getStatus()).isEqualTo(200);
    MvcResult next = mvc.perform(get("/patrol").session(session)).andReturn();
    assertThat(next.getResponse().getRedirectedUrl()).endsWith("/login");
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void signOutEverywhere_deletesEveryPhoneLogin() throws Exception {
    signIn(true);
    MvcResult second = signIn(true);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_remember_me", Integer.class))
        .isEqualTo(2);
    MvcResult out = mvc.perform(post("/console/sign-out-everywhere").with(csrf())
        .session((org.springframework.mock.web.MockHttpSession) second.getRequest().getSession())
        .cookie(second.getResponse().getCookie(PhoneSignIn.COOKIE))).andReturn();
    assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_remember_me", Integer.class))
        .isZero();
  }

  @Test
  void queuePage_badFilter_namesTheFieldAndStillShowsTheQueue() throws Exception {
    MvcResult signedIn = signIn(false);
    var session = (org.springframework.mock.web.MockHttpSession) signedIn.getRequest().getSession();
    MvcResult r = mvc.perform(get("/console/incidents").param("priority", "9").param("lang", "en")
        .session(session)).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(r.getResponse().getContentAsString()).contains("Priority &quot;9&quot; must be 1 to 4")
        .contains("id=\"queue\"");
  }

  @Test
  void passwordChangeRequired_consolePage_sendsToThePasswordPageUntilChanged() throws Exception {
    String user = "phone-pw-" + System.nanoTime();
    new TestUsers(users, tokens, encoder, grids).create(user,
        GridScope.of(Set.of("330102001001")), Role.PATROL);
    long id = users.findByUsername(user).orElseThrow().id();
    users.setPassword(id, encoder.encode(TestUsers.PASSWORD), true);
    var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login")
        .param("username", user).param("password", TestUsers.PASSWORD).with(csrf()))
        .andReturn().getRequest().getSession();

    MvcResult blocked = mvc.perform(get("/patrol").session(session)).andReturn();
    assertThat(blocked.getResponse().getRedirectedUrl()).isEqualTo("/console/password");
    String page = mvc.perform(get("/console/password").session(session)).andReturn()
        .getResponse().getContentAsString();
    assertThat(page).contains("id=\"password-required\"").contains("id=\"password-form\"");

    String mismatch = mvc.perform(post("/console/password").session(session).with(csrf())
        .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "new-secret-123")
        .param("confirmPassword", "new-secret-124")).andReturn().getResponse()
        .getContentAsString();
    assertThat(mismatch).contains("id=\"password-problem\"");
    String wrong = mvc.perform(post("/console/password").session(session).with(csrf())
        .param("currentPassword", "not-it-at-all").param("newPassword", "new-secret-123")
        .param("confirmPassword", "new-secret-123")).andReturn().getResponse()
        .getContentAsString();
    assertThat(wrong).contains("currentPassword: is not your current password");

    MvcResult changed = mvc.perform(post("/console/password").session(session).with(csrf())
        .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "new-secret-123")
        .param("confirmPassword", "new-secret-123")).andReturn();
    assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/login?changed");
    assertThat(users.findById(id).orElseThrow().passwordChangeRequired()).isFalse();

    var again = (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login")
        .param("username", user).param("password", "new-secret-123").with(csrf()))
        .andReturn().getRequest().getSession();
    assertThat(mvc.perform(get("/patrol").session(again)).andReturn().getResponse().getStatus())
        .isEqualTo(200);
  }
}
