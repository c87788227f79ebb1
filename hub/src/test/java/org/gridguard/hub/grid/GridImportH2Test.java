package org.gridguard.hub.grid;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The grid contract on H2 in memory (the embedded default database). */
class GridImportH2Test extends GridImportContract {
  private static final JdbcDataSource DS = new JdbcDataSource();

  static {
    DS.setURL("jdbc:h2:mem:grids;DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return DS;
  }
}
