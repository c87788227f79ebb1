-- Issue 12/13 leftovers: retention of alarm and device history (alarm/AlarmRetention,
-- device/HealthRetention select old ids first, then delete them in chunks), and "snapshot now"
-- requests handed between hub instances through camera_snapshot (device/SnapshotDispatch).

-- Retention: find old rows without scanning, and delete an alarm's rule hits by either end.
-- (state, end_at), not last_at: every repeat of an active alarm moves last_at, and an indexed
-- last_at would make each of those updates write every index of the row (no HOT update)
CREATE INDEX ix_alarm_cleared_end ON alarm (state, end_at);
CREATE INDEX ix_alarm_rule_hit_at ON alarm_rule_hit (at);
CREATE INDEX ix_alarm_rule_hit_alarm ON alarm_rule_hit (alarm_id);
CREATE INDEX ix_alarm_rule_hit_partner ON alarm_rule_hit (partner_id);
CREATE INDEX ix_alarm_outage_end ON alarm_outage (end_at);
CREATE INDEX ix_health_transition_at ON health_transition (at);
CREATE INDEX ix_maintenance_order_closed ON maintenance_order (state, closed_at);

-- A request is written here by whichever instance the technician asked; the instance holding
-- the gateway's session claims it (UPDATE … WHERE sent_at IS NULL) and sends the command, once.
-- pending_key = gateway|device while the request is unanswered: UNIQUE, so one request per
-- camera at a time whichever instances are asked at once; NULL once answered or expired.
ALTER TABLE camera_snapshot ADD COLUMN pending_key VARCHAR(200);
ALTER TABLE camera_snapshot ADD COLUMN sent_at TIMESTAMP;
ALTER TABLE camera_snapshot ADD CONSTRAINT uq_camera_snapshot_pending UNIQUE (pending_key);
CREATE INDEX ix_camera_snapshot_unsent ON camera_snapshot (gateway_id, sent_at);
