-- Credential rotation with a grace window (Eclipse Hono style): while previous_valid_until lies
-- ahead, the previous credential is accepted too, so a fleet can roll over without downtime.
ALTER TABLE gateway ADD COLUMN previous_credential_hash VARCHAR(256);
ALTER TABLE gateway ADD COLUMN previous_valid_until TIMESTAMP;
ALTER TABLE gateway ADD COLUMN credential_issued_at TIMESTAMP;
