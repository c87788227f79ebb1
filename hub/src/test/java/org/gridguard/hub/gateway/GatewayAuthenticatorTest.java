package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.protocol.v1.RejectReason;
import org.junit.jupiter.api.Test;

class GatewayAuthenticatorTest {
  private final Map<String, Gateway> rows = new ConcurrentHashMap<>();
  private final GatewayRepository repository = new GatewayRepository(null) {
    @Override
    public Optional<Gateway> find(String id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<String> previousCredentialHash(String id, java.time.Instant now) {
      return Optional.empty(); // no rotation in progress
    }
  };
  private final AtomicLong nanos = new AtomicLong();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final GatewayAuthenticator authenticator = new GatewayAuthenticator(repository,
      new GatewayProperties(1000, 100, Duration.ofMinutes(10)), meters, (Ticker) nanos::get);

  {
    rows.put("gw-1", new Gateway("gw-1", new CredentialHasher(1000).hash("pw"), "1", false));
  }

  private double pbkdf2() {
    return meters.get("gridguard.gateway.credential.checks").tag("by", "pbkdf2").counter().count();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void authenticate_sameCredentialAgainWithinTtl_noSecondPbkdf2() {
    assertThat(authenticator.authenticate("gw-1", "pw").accepted()).isTrue();
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isTrue();
    assertThat(authenticator.authenticate("gw-1", "pw").accepted()).isTrue();
    assertThat(pbkdf2()).isEqualTo(1);
  }

  @Test
  void recentlyVerified_wrongCredentialOrOtherGateway_false() {
    authenticator.authenticate("gw-1", "pw");
    assertThat(authenticator.recentlyVerified("gw-1", "pw2")).isFalse();
    assertThat(authenticator.recentlyVerified("gw-2", "pw")).isFalse();
    assertThat(authenticator.authenticate("gw-1", "pw2").reject())
        .isEqualTo(RejectReason.BAD_CREDENTIAL);
  }

  @Test
  void recentlyVerified_afterTtl_forgottenAndHashedAgain() {
    authenticator.authenticate("gw-1", "pw");
    advance(Duration.ofMinutes(11));
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isFalse();
    assertThat(authenticator.authenticate("gw-1", "pw").accepted()).isTrue();
    assertThat(pbkdf2()).isEqualTo(2);
  }

  @Test
  void sessionOpened_longSession_keptWhileOpenAndTtlAfterItCloses() {
    authenticator.authenticate("gw-1", "pw");
    authenticator.sessionOpened("gw-1", "pw");
    advance(Duration.ofDays(3));
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isTrue();
    authenticator.sessionClosed("gw-1");
    advance(Duration.ofMinutes(9));
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isTrue();
    advance(Duration.ofMinutes(2));
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isFalse();
  }

  @Test
  void sessionOpened_replacedSession_keptUntilTheLastCloses() {
    authenticator.authenticate("gw-1", "pw");
    authenticator.sessionOpened("gw-1", "pw");
    authenticator.sessionOpened("gw-1", "pw"); // the replacing connection
    authenticator.sessionClosed("gw-1"); // the replaced one
    advance(Duration.ofHours(1));
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isTrue();
  }

  @Test
  void forget_openSession_notRememberedAgainWhenItCloses() {
    authenticator.authenticate("gw-1", "pw");
    authenticator.sessionOpened("gw-1", "pw");
    authenticator.forget("gw-1"); // revoked or re-issued
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isFalse();
    authenticator.sessionClosed("gw-1");
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isFalse();
    authenticator.sessionOpened("gw-1", "pw"); // a session the old credential still had
    assertThat(authenticator.recentlyVerified("gw-1", "pw")).isFalse();
  }

  @Test
  void authenticate_revokedWhileRemembered_refused() {
    authenticator.authenticate("gw-1", "pw");
    rows.put("gw-1", new Gateway("gw-1", rows.get("gw-1").credentialHash(), "1", true));
    assertThat(authenticator.authenticate("gw-1", "pw").reject()).isEqualTo(RejectReason.REVOKED);
  }

  @Test
  void cache_moreGatewaysThanCapacity_boundedSize() {
    for (int i = 0; i < 300; i++) {
      rows.put("g" + i, new Gateway("g" + i, new CredentialHasher(1000).hash("pw"), "1", false));
      authenticator.authenticate("g" + i, "pw");
    }
    double entries = meters.get("gridguard.gateway.credential.cache.entries").gauge().value();
    assertThat(entries).isEqualTo(100);
  }
}
