package org.gridguard.hub.console;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.security.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link PhoneSignIn} as the console chain's remember-me (picked up by the security
 * configuration), unless {@code gridguard.console.remember-me} is 0; expired rows are deleted
 * hourly.
 */
@Configuration
class PhoneSignInConfig {
  private static final Logger log = LoggerFactory.getLogger(PhoneSignInConfig.class);

  @Bean
  @ConditionalOnExpression("'${gridguard.console.remember-me:30d}' != '0' "
      + "and '${gridguard.console.remember-me:30d}' != '0s'")
  PhoneSignIn phoneSignIn(RememberMeTokens tokens, UserRepository users, ConsoleProperties config,
      Clock clock, MeterRegistry metrics) {
    return new PhoneSignIn(tokens, users, config.rememberMe(), clock, metrics);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService rememberMePurge(RememberMeTokens tokens, ConsoleProperties config,
      Clock clock) {
    ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gg-remember-me-purge");
      t.setDaemon(true);
      return t;
    });
    Duration validity = config.rememberMe();
    purge.scheduleWithFixedDelay(() -> {
      try {
        int gone = tokens.deleteUnusedSince(clock.instant().minus(validity));
        if (gone > 0) {
          log.info("remember-me: {} phone login(s) unused for {} deleted", gone, validity);
        }
      } catch (RuntimeException e) {
        log.warn("remember-me purge failed; retried in an hour", e);
      }
    }, 1, 60, TimeUnit.MINUTES);
    return purge;
  }
}
