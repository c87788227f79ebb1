package org.gridguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.EnumSet;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reading a user must never take a second pooled connection while holding one: with a pool of
 * one connection (and a short wait for it) a nested query inside the row mapper times out. At
 * production size the same mistake deadlocked the pool once as many requests as connections
 * authenticated at once.
 */
class UserRepositoryPoolTest {
  private static HikariDataSource pool;
  private static UserRepository users;
  private static long id;

  @BeforeAll
  static void start() {
    String url = "jdbc:h2:mem:user-pool;DB_CLOSE_DELAY=-1";
    // Flyway itself needs two connections: migrate unpooled, then read through the pool of one
    org.h2.jdbcx.JdbcDataSource plain = new org.h2.jdbcx.JdbcDataSource();
    plain.setURL(url);
    Flyway.configure().dataSource(plain).locations("classpath:db/migration").load().migrate();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(1_000);
    pool = new HikariDataSource(config);
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    jdbc.update("INSERT INTO grid_node (code, level, name) VALUES ('330102', 'COUNTY', 'c')");
    users = new UserRepository(jdbc);
    id = users.insert("pool-user", "Pool User", "{noop}x", false, GridScope.of(Set.of("330102")),
        EnumSet.of(Role.PATROL, Role.VIEWER));
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  @Test
  void findById_poolOfOneConnection_readsRolesAndScopeWithoutASecondConnection() {
    UserAccount user = users.findById(id).orElseThrow();
    assertThat(user.roles()).containsExactlyInAnyOrder(Role.PATROL, Role.VIEWER);
    assertThat(user.scope().nodes()).containsExactly("330102");
  }

  @Test
  void findByUsernames_someExistSomeNot_eachWithItsOwnRolesAndScope() {
    users.insert("pool-other", "Other", "{noop}x", false, GridScope.all(),
        EnumSet.of(Role.DISPATCHER));
    java.util.Map<String, UserAccount> found =
        users.findByUsernames(java.util.List.of("pool-user", "nobody", "pool-other", "pool-user"));
    assertThat(found).containsOnlyKeys("pool-user", "pool-other");
    assertThat(found.get("pool-user").roles()).containsExactlyInAnyOrder(Role.PATROL, Role.VIEWER);
    assertThat(found.get("pool-user").scope().nodes()).containsExactly("330102");
    assertThat(found.get("pool-other").roles()).containsExactly(Role.DISPATCHER);
    assertThat(found.get("pool-other").scope().global()).isTrue();
    assertThat(users.findByUsernames(java.util.List.of())).isEmpty();
  }

  @Test
  void findByUsernameAndList_poolOfOneConnection_complete() {
    assertThat(users.findByUsername("pool-user").orElseThrow().roles()).contains(Role.PATROL);
    assertThat(users.list(GridScope.all(), Long.MAX_VALUE, 10))
        .extracting(UserAccount::username).contains("pool-user");
  }
}
