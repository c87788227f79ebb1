package org.gridguard.hub.evidence;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class EvidenceStoreH2Test extends EvidenceStoreContract {
  private static final JdbcDataSource DS = new JdbcDataSource();

  static {
    DS.setURL("jdbc:h2:mem:evidence;DB_CLOSE_DELAY=-1");
  }

  @Override
  protected DataSource dataSource() {
    return DS;
  }
}
