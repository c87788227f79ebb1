package org.gridguard.hub.health;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database's write health ({@code db}), the pool's eviction of connections whose database is
 * gone, and the direct memory alarm ({@code directMemory}).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  /** Replaces Boot's {@code db} indicator (which only checks {@code isValid()}). */
  @Bean
  DatabaseWriteHealth dbHealthIndicator() {
    return new DatabaseWriteHealth(Clock.systemUTC());
  }

  @Bean
  DatabaseWriteProbe databaseWriteProbe(DataSource dataSource, DatabaseWriteHealth health,
      HealthProperties config) {
    return new DatabaseWriteProbe(dataSource, health, config);
  }

  @Bean
  DirectMemoryMonitor directMemoryHealthIndicator(DirectMemoryAlarm alarm, MeterRegistry meters) {
    return new DirectMemoryMonitor(alarm.share(), meters, DirectMemory::used,
        DirectMemory::max);
  }

  /**
   * Gives the HikariCP pool {@link EvictBrokenConnections}, unless
   * {@code spring.datasource.hikari.exception-override-class-name} names another, and an
   * embedded H2 database durable commits ({@link DurableH2Commits}), and PostgreSQL batched
   * inserts as multi-row statements ({@link PostgresBatchedInserts}).
   */
  @Bean
  static BeanPostProcessor evictBrokenConnections(ObjectProvider<DatabaseWriteHealth> health) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof HikariDataSource pool)) {
          return bean;
        }
        if (pool.getExceptionOverride() == null && pool.getExceptionOverrideClassName() == null) {
          pool.setExceptionOverride(new EvictBrokenConnections(
              e -> health.ifAvailable(h -> h.failed(e))));
        }
        String url = DurableH2Commits.url(pool.getJdbcUrl());
        if (url != null && !url.equals(pool.getJdbcUrl())) {
          LoggerFactory.getLogger(HealthConfiguration.class).info("H2: {} added to the JDBC URL "
              + "so that a commit is written before the hub acknowledges it",
              DurableH2Commits.SETTING);
          pool.setJdbcUrl(url);
        }
        PostgresBatchedInserts.apply(pool);
        return bean;
      }
    };
  }
}
