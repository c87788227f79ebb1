package org.gridguard.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.gridguard.hub.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The hub's filter chains, first match wins (each but the last has a matcher; see Spring
 * Security #15220):
 * <ol>
 *   <li>{@code /api/**} — stateless, bearer tokens ({@link BearerTokenFilter}), no CSRF (no
 *       cookies), JSON problem details for 401/403. Only {@code POST /api/v1/auth/token} is open.
 *   <li>{@code /actuator/**} — the same bearer tokens; {@code /actuator/health} answers UP/DOWN to
 *       anyone, details and metrics need ADMIN or TECHNICIAN (or {@code metrics-public}).
 *   <li>everything else (the console, the patrol page, OpenAPI and Swagger UI) — session, form
 *       login at {@code /login} through the same {@link SignInService} (so the same limits), a
 *       session of a user disabled since ends at its next request ({@link SessionAccountCheck}), CSRF
 *       on (except for bearer-token requests), remember-me when the console provides it, static
 *       assets ({@code /assets/**}, {@code /webjars/**}, the web-app manifest) open.
 * </ol>
 * Roles per endpoint are declared on the controller methods ({@code @PreAuthorize}); the role ×
 * endpoint matrix test checks every mapping.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfig {
  @Bean
  AuthenticationProvider signInAuthenticationProvider(SignInService signIn) {
    return new SignInAuthenticationProvider(signIn);
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, TokenService tokens, ObjectMapper json)
      throws Exception {
    stateless(http.securityMatcher("/api/**"), tokens, json)
        .authorizeHttpRequests(a -> continuations(a)
            .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/enrol").permitAll() // device/EnrolmentController
            .anyRequest().authenticated());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, TokenService tokens, ObjectMapper json,
      SecurityProperties config) throws Exception {
    stateless(http.securityMatcher("/actuator/**"), tokens, json)
        .authorizeHttpRequests(a -> {
          a.requestMatchers("/actuator/health", "/actuator/health/liveness",
              "/actuator/health/readiness").permitAll();
          if (config.metricsPublic()) {
            a.requestMatchers("/actuator/prometheus", "/actuator/metrics/**").permitAll();
          }
          a.requestMatchers("/actuator/health/**", "/actuator/prometheus", "/actuator/metrics/**",
              "/actuator/info").hasAnyRole(Role.ADMIN.name(), Role.TECHNICIAN.name());
          a.anyRequest().hasRole(Role.ADMIN.name());
        });
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain console(HttpSecurity http, AuthenticationProvider signIn,
      TokenService tokens, ObjectMapper json, ObjectProvider<RememberMeServices> rememberMe,
      UserRepository users, MeterRegistry meters) throws Exception {
    http.authenticationProvider(signIn)
        // a session of a user disabled since signing in ends at its next request
        .addFilterAfter(new SessionAccountCheck(users, meters), SecurityContextHolderFilter.class)
        // tools may fetch /v3/api-docs with a bearer token; it never creates a session
        .addFilterBefore(new BearerTokenFilter(tokens, json), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(a -> continuations(a)
            .requestMatchers("/login", "/error", "/favicon.ico", "/assets/**", "/webjars/**",
                "/manifest.webmanifest").permitAll()
            .anyRequest().authenticated())
        // a request carrying a bearer token cannot be forged by another site (browsers never add
        // that header on their own), so only cookie-authenticated requests need the CSRF token
        .csrf(c -> c.ignoringRequestMatchers(SecurityConfig::hasBearerToken))
        .formLogin(f -> f.loginPage("/login").failureHandler(new SignInFailureHandler()))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
            .deleteCookies("JSESSIONID"))
        .addFilterAfter(new PasswordChangeFilter(json), AnonymousAuthenticationFilter.class);
    // "stay signed in on this phone": the console package's persistent, hashed, revocable tokens
    RememberMeServices services = rememberMe.getIfAvailable();
    if (services != null) {
      http.rememberMe(r -> r.rememberMeServices(services));
    }
    return http.build();
  }

  /**
   * ASYNC and ERROR dispatches pass: they continue a request whose REQUEST dispatch this chain
   * has already authorised (rules and method security), so they must not be judged again. On the
   * stateless chains that second judgement would fail — the bearer filter authenticates the
   * REQUEST dispatch only, so e.g. the end of an SSE stream (an ASYNC dispatch) would be refused
   * on a committed response. A request refused on its REQUEST dispatch never reaches a handler,
   * so it cannot start an ASYNC dispatch. (Spring Security 6 authorises every dispatcher type by
   * default; this is the DSL its maintainers recommend instead of turning that off, gh-12138.)
   */
  private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
      continuations(
          AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
    return a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
  }

  private static boolean hasBearerToken(jakarta.servlet.http.HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private static HttpSecurity stateless(HttpSecurity http, TokenService tokens, ObjectMapper json)
      throws Exception {
    return http
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable())
        .addFilterBefore(new BearerTokenFilter(tokens, json), AnonymousAuthenticationFilter.class)
        .addFilterAfter(new PasswordChangeFilter(json), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint(unauthorized(json))
            .accessDeniedHandler(forbidden(json)));
  }

  static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
    return (request, response, ex) -> {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED,
          "sign in first: POST /api/v1/auth/token {\"username\",\"password\"}, then send "
              + "Authorization: Bearer <token>", request.getRequestURI()));
    };
  }

  static AccessDeniedHandler forbidden(ObjectMapper json) {
    return (request, response, ex) -> Problems.write(response, json, Problems.of(
        HttpStatus.FORBIDDEN, "your roles do not allow this; ask an administrator",
        request.getRequestURI()));
  }
}
