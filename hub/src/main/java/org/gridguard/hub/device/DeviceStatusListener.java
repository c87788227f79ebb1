package org.gridguard.hub.device;

import java.sql.Timestamp;
import java.util.List;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.Record;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each device's latest {@code DeviceStatus} (and the gateway's own, device id '') in
 * {@code device_signal}, inside the transaction that stores the records, so a replay (never
 * passed on) changes nothing and a status is never lost between commit and health. Only the
 * newest status by capture time wins, whichever hub instance stores it; statuses of devices not
 * in the registry are not kept.
 */
@Component
class DeviceStatusListener implements PriorityRecordStore.Listener {
  private static final String UPDATE = "UPDATE device_signal SET status = ?, status_detail = ?, "
      + "status_at = ? WHERE gateway_id = ? AND device_id = ? AND (status_at IS NULL OR "
      + "status_at <= ?)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  DeviceStatusListener(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public void stored(StreamKey key, List<Record> records) {
    for (Record record : records) {
      if (record.getBodyCase() != Record.BodyCase.STATUS) {
        continue;
      }
      DeviceState state = record.getStatus().getState();
      if (state != DeviceState.ONLINE && state != DeviceState.OFFLINE
          && state != DeviceState.DEGRADED) {
        continue;
      }
      String detail = clean(record.getStatus().getDetail());
      Timestamp at = new Timestamp(record.getCaptureTimeMs());
      Object[] args = {state.name(), detail, at, key.gatewayId(), record.getDeviceId(), at};
      if (jdbc.update(UPDATE, args) > 0) {
        continue;
      }
      try {
        savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO device_signal (gateway_id, "
            + "device_id, status, status_detail, status_at) SELECT ?, ?, ?, ?, ? FROM gateway g "
            + "WHERE g.gateway_id = ? AND (? = '' OR EXISTS (SELECT 1 FROM device d WHERE "
            + "d.gateway_id = g.gateway_id AND d.device_id = ?)) AND NOT EXISTS (SELECT 1 FROM "
            + "device_signal s WHERE s.gateway_id = g.gateway_id AND s.device_id = ?)",
            key.gatewayId(), record.getDeviceId(), state.name(), detail, at, key.gatewayId(),
            record.getDeviceId(), record.getDeviceId(), record.getDeviceId()));
      } catch (DuplicateKeyException e) {
        jdbc.update(UPDATE, args); // another writer made the row just now
      }
    }
  }

  private static String clean(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 500));
    for (int i = 0; i < s.length() && b.length() < 500; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
