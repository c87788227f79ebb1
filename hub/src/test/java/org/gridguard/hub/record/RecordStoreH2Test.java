package org.gridguard.hub.record;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class RecordStoreH2Test extends RecordStoreContract {
  private static final JdbcDataSource DS = new JdbcDataSource();

  static {
    DS.setURL("jdbc:h2:mem:records;DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return DS;
  }
}
