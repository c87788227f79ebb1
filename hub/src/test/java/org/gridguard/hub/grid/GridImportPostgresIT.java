package org.gridguard.hub.grid;

import javax.sql.DataSource;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The same grid contract against a real PostgreSQL 15 (Debian package postgresql). */
class GridImportPostgresIT extends GridImportContract {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @Override
  protected DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(postgres.jdbcUrl());
    ds.setUser(postgres.username());
    ds.setPassword(postgres.password());
    return ds;
  }
}
