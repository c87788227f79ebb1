package org.gridguard.hub.evidence;

import javax.sql.DataSource;
import org.gridguard.testkit.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The same contract against a real PostgreSQL (Debian package postgresql). */
class EvidenceStorePostgresIT extends EvidenceStoreContract {
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
