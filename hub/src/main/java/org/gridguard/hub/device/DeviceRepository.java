package org.gridguard.hub.device;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.gridguard.hub.security.GridScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Device rows. Reads take a {@link GridScope} that goes into their SQL (on the device's grid);
 * (gateway, device id) is unique by constraint. The stream secret is read only by
 * {@link #streamSecret}, never with a device.
 */
@Repository
class DeviceRepository {
  private static final String COLUMNS = "d.id, d.gateway_id, d.device_id, d.kind, d.name, "
      + "d.vendor, d.model, d.grid_code, d.lat, d.lon, d.installed_on, d.notes, d.settings, "
      + "d.stream_url_redacted, d.preview_evidence_id, d.preview_at";

  private final JdbcTemplate jdbc;
  private final RowMapper<Device> row;

  DeviceRepository(JdbcTemplate jdbc, DeviceSettingsJson settings) {
    this.jdbc = jdbc;
    this.row = (rs, i) -> {
      DeviceKind kind = DeviceKind.valueOf(rs.getString("kind"));
      Date installed = rs.getDate("installed_on");
      Timestamp previewAt = rs.getTimestamp("preview_at");
      return new Device(rs.getLong("id"), rs.getString("gateway_id"), rs.getString("device_id"),
          kind, rs.getString("name"), rs.getString("vendor"), rs.getString("model"),
          rs.getString("grid_code"), nullableDouble(rs, "lat"), nullableDouble(rs, "lon"),
          installed == null ? null : installed.toLocalDate(), rs.getString("notes"),
          settings.read(kind, rs.getString("settings")), rs.getString("stream_url_redacted"),
          rs.getString("preview_evidence_id"), previewAt == null ? null : previewAt.toInstant());
    };
  }

  Optional<Device> find(long id, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("d.grid_code");
    return jdbc.query("SELECT " + COLUMNS + " FROM device d WHERE d.id = ? AND "
        + inScope.condition(), row, inScope.argsAfter(id)).stream().findFirst();
  }

  /** Unscoped, for the ingest side and alarm routing. */
  Optional<Device> find(String gatewayId, String deviceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM device d WHERE d.gateway_id = ? AND "
        + "d.device_id = ?", row, gatewayId, deviceId).stream().findFirst();
  }

  /** The gateway's devices in {@code scope}, by device id, {@code limit} after {@code after}. */
  List<Device> list(String gatewayId, GridScope scope, String after, int limit) {
    GridScope.SqlFilter inScope = scope.filter("d.grid_code");
    return jdbc.query("SELECT " + COLUMNS + " FROM device d WHERE d.gateway_id = ? AND "
        + "d.device_id > ? AND " + inScope.condition() + " ORDER BY d.device_id LIMIT ?", row,
        inScope.argsAfterThen(new Object[] {gatewayId, after}, limit));
  }

  long count(String gatewayId, GridScope scope) {
    GridScope.SqlFilter inScope = scope.filter("d.grid_code");
    return jdbc.queryForObject("SELECT COUNT(*) FROM device d WHERE d.gateway_id = ? AND "
        + inScope.condition(), Long.class, inScope.argsAfter(gatewayId));
  }

  /** All of a gateway's devices, unscoped (config assembly, health, export of one gateway). */
  List<Device> allOf(String gatewayId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM device d WHERE d.gateway_id = ? "
        + "ORDER BY d.device_id", row, gatewayId);
  }

  /**
   * @return the new row's id
   * @throws org.springframework.dao.DuplicateKeyException if the gateway has the device id already
   */
  long insert(Device d, String settingsJson, String streamSecret) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var s = c.prepareStatement("INSERT INTO device (gateway_id, device_id, kind, name, vendor, "
          + "model, grid_code, lat, lon, installed_on, notes, settings, stream_url_redacted, "
          + "stream_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      bind(s, d, settingsJson);
      s.setString(14, streamSecret);
      return s;
    }, keys);
    return keys.getKey().longValue();
  }

  /** Replaces a device's fields; a null {@code streamSecret} keeps the stored stream. */
  boolean update(long id, Device d, String settingsJson, String streamSecret) {
    return jdbc.update(c -> {
      var s = c.prepareStatement("UPDATE device SET gateway_id = ?, device_id = ?, kind = ?, "
          + "name = ?, vendor = ?, model = ?, grid_code = ?, lat = ?, lon = ?, installed_on = ?, "
          + "notes = ?, settings = ?, stream_url_redacted = COALESCE(?, stream_url_redacted), "
          + "stream_secret = COALESCE(?, stream_secret), updated_at = CURRENT_TIMESTAMP "
          + "WHERE id = ?");
      bind(s, d, settingsJson);
      s.setString(14, streamSecret);
      s.setLong(15, id);
      return s;
    }) == 1;
  }

  boolean delete(long id) {
    return jdbc.update("DELETE FROM device WHERE id = ?", id) == 1;
  }

  Optional<String> streamSecret(long id) {
    return jdbc.queryForList("SELECT stream_secret FROM device WHERE id = ? AND stream_secret "
        + "IS NOT NULL", String.class, id).stream().findFirst();
  }

  /** Records the evidence a snapshot command brought back as the camera's preview. */
  boolean setPreview(String gatewayId, String deviceId, String evidenceId, java.time.Instant at) {
    return jdbc.update("UPDATE device SET preview_evidence_id = ?, preview_at = ? WHERE "
        + "gateway_id = ? AND device_id = ?", evidenceId, Timestamp.from(at), gatewayId,
        deviceId) == 1;
  }

  private static void bind(java.sql.PreparedStatement s, Device d, String settingsJson)
      throws SQLException {
    s.setString(1, d.gatewayId());
    s.setString(2, d.deviceId());
    s.setString(3, d.kind().name());
    s.setString(4, d.name());
    s.setString(5, d.vendor());
    s.setString(6, d.model());
    s.setString(7, d.gridCode());
    s.setObject(8, d.lat(), java.sql.Types.DOUBLE);
    s.setObject(9, d.lon(), java.sql.Types.DOUBLE);
    s.setObject(10, d.installedOn() == null ? null : Date.valueOf(d.installedOn()),
        java.sql.Types.DATE);
    s.setString(11, d.notes());
    s.setString(12, settingsJson);
    s.setString(13, d.streamUrlRedacted());
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
