-- Issue 15: the unit of each telemetry series (Reading.unit after the edge's conversion, e.g. "m",
-- "Cel", "%"), one row per (gateway, device, metric) — a series, not a point: InfluxDB keeps
-- only the values (units are neither tags nor fields there). Written by telemetry/TelemetryUnits
-- only when a series' unit changes (changed_at = when this hub first saw the current unit); read
-- by the telemetry read API and the console's device chart. device_id '' = a gateway-level record.
CREATE TABLE telemetry_unit (
  gateway_id VARCHAR(64)  NOT NULL REFERENCES gateway (gateway_id) ON DELETE CASCADE,
  device_id  VARCHAR(128) NOT NULL,
  metric     VARCHAR(128) NOT NULL,
  unit       VARCHAR(32)  NOT NULL,
  changed_at TIMESTAMP    NOT NULL,
  PRIMARY KEY (gateway_id, device_id, metric)
);
