-- Dead letters of both paths are deleted after gridguard.dead-letters.retention (oldest first by
-- created_at); ingest_dead_letter has its index since V6. Listing by gateway uses the unique
-- constraint's leading gateway_id.
CREATE INDEX ix_telemetry_dead_letter_created ON telemetry_dead_letter (created_at);
