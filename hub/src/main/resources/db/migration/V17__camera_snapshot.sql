-- Issue 12: "snapshot now" commands to a camera (PROTOCOL.md §10, Command.request_snapshot).
-- One row per command; the camera's latest preview is device.preview_evidence_id/preview_at.
CREATE TABLE camera_snapshot (
  command_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
  gateway_id    VARCHAR(64)   NOT NULL,
  device_id     VARCHAR(128)  NOT NULL,
  requested_by  VARCHAR(64)   NOT NULL,
  requested_at  TIMESTAMP     NOT NULL,
  answered_at   TIMESTAMP,
  ok            BOOLEAN,
  message       VARCHAR(2000),
  evidence_id   VARCHAR(128)
);
CREATE INDEX ix_camera_snapshot_device ON camera_snapshot (gateway_id, device_id, requested_at);
