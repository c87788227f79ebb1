package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayAuthenticator;
import org.gridguard.hub.gateway.GatewayProperties;
import org.gridguard.hub.gateway.GatewayRepository;
import org.junit.jupiter.api.Test;

class HelloAdmissionTest {
  private static final String A = "192.0.2.1";

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final GatewayAuthenticator authenticator = new GatewayAuthenticator(
      new GatewayRepository(null) {
        @Override
        public Optional<Gateway> find(String id) {
          return id.equals("gw-1") ? Optional.of(new Gateway("gw-1",
              new CredentialHasher(1000).hash("pw"), "1", false)) : Optional.empty();
        }

        @Override
        public Optional<String> previousCredentialHash(String id, java.time.Instant now) {
          return Optional.empty(); // no rotation in progress
        }
      }, new GatewayProperties(1000, 100, Duration.ofMinutes(10)), meters);
  private final HelloAdmission admission = new HelloAdmission(
      new IngestProperties.HelloFailures(3, 2, Duration.ofMinutes(1), 1000, 4, 2), authenticator,
      clock, new IngestMetrics(meters));

  private HelloAdmission.Decision fail(String address, String gateway) {
    HelloAdmission.Decision d = admission.decide(address, gateway, "wrong", false);
    assertThat(d.kind()).isEqualTo(HelloAdmission.Kind.NORMAL);
    admission.outcome(d, authenticator.authenticate(gateway, "wrong"));
    admission.done(d);
    return d;
  }

  @Test
  void decide_afterFailuresFromOneAddress_blockedAtOnceWithRemainingWait() {
    for (String gw : new String[] {"gw-x", "gw-y", "gw-z"}) {
      fail(A, gw); // unknown gateways count per address
    }
    clock.now = clock.now.plusSeconds(20);
    HelloAdmission.Decision d = admission.decide(A, "gw-1", "pw", false);
    assertThat(d.kind()).isEqualTo(HelloAdmission.Kind.BLOCKED);
    assertThat(d.retryAfterMs()).isBetween(39_000, 40_000);
    assertThat(d.message()).contains("from " + A).contains("retry in 40 s");
    assertThat(meters.get("gridguard.ingest.hello.blocked").tag("by", "address").counter().count())
        .isEqualTo(1);
    assertThat(admission.decide("192.0.2.2", "gw-1", "pw", false).kind())
        .isEqualTo(HelloAdmission.Kind.NORMAL);
  }

  @Test
  void decide_blockedAddressKeepsTrying_staysBlocked() {
    for (int i = 0; i < 3; i++) {
      fail(A, "gw-x" + i);
    }
    clock.now = clock.now.plusSeconds(50);
    for (int i = 0; i < 3; i++) { // a flood that ignores retry_after: each counts as a failure
      assertThat(admission.decide(A, "gw-1", "x", false).kind())
          .isEqualTo(HelloAdmission.Kind.BLOCKED);
    }
    clock.now = clock.now.plusSeconds(20); // the first three have left the window
    assertThat(admission.decide(A, "gw-1", "x", false).kind())
        .isEqualTo(HelloAdmission.Kind.BLOCKED);
  }

  @Test
  void decide_badCredentialsForOneGateway_blockedFromEveryAddress() {
    fail("192.0.2.1", "gw-1");
    fail("192.0.2.2", "gw-1");
    HelloAdmission.Decision d = admission.decide("192.0.2.3", "gw-1", "wrong", false);
    assertThat(d.kind()).isEqualTo(HelloAdmission.Kind.BLOCKED);
    assertThat(d.message()).contains("for gateway gw-1");
  }

  @Test
  void decide_recentlyVerifiedCredential_fastLaneEvenWhileTheGatewayIsBlocked() {
    assertThat(authenticator.authenticate("gw-1", "pw").accepted()).isTrue();
    fail("192.0.2.1", "gw-1");
    fail("192.0.2.2", "gw-1");
    assertThat(admission.decide("192.0.2.3", "gw-1", "pw", false).kind())
        .isEqualTo(HelloAdmission.Kind.FAST);
  }

  @Test
  void decide_certificateWithoutCredential_fastLane() {
    assertThat(admission.decide(A, "gw-1", "", true).kind()).isEqualTo(HelloAdmission.Kind.FAST);
  }

  @Test
  void decide_moreConcurrentChecksForOneGatewayThanAllowed_busyUntilOneIsDone() {
    HelloAdmission.Decision first = admission.decide("192.0.2.1", "gw-1", "a", false);
    HelloAdmission.Decision second = admission.decide("192.0.2.2", "gw-1", "b", false);
    HelloAdmission.Decision third = admission.decide("192.0.2.3", "gw-1", "c", false);
    assertThat(first.kind()).isEqualTo(HelloAdmission.Kind.NORMAL);
    assertThat(second.kind()).isEqualTo(HelloAdmission.Kind.NORMAL);
    assertThat(third.kind()).isEqualTo(HelloAdmission.Kind.BUSY);
    assertThat(third.retryAfterMs()).isPositive();
    assertThat(admission.inFlight("192.0.2.3")).isZero(); // the busy one holds no slot
    admission.done(first);
    assertThat(admission.decide("192.0.2.3", "gw-1", "c", false).kind())
        .isEqualTo(HelloAdmission.Kind.NORMAL);
  }

  @Test
  void outcome_success_clearsTheGatewaysFailures() {
    fail("192.0.2.1", "gw-1");
    HelloAdmission.Decision ok = admission.decide("192.0.2.2", "gw-1", "pw", false);
    admission.outcome(ok, authenticator.authenticate("gw-1", "pw"));
    admission.done(ok);
    fail("192.0.2.3", "gw-1"); // one failure since the success: not blocked (2 allowed)
    assertThat(admission.decide("192.0.2.4", "gw-1", "also-wrong", false).kind())
        .isEqualTo(HelloAdmission.Kind.NORMAL);
  }
}
