-- Issue 12: configuration pushed to the edge (PROTOCOL.md §10). One row per gateway: the
-- monotonic push version of its assembled managed sections, and what the edge runs.
-- version rises only when content_hash changes, by a conditional UPDATE (WHERE version = ?),
-- so hub instances that assemble the same content at once raise it once.
CREATE TABLE gateway_config (
  gateway_id          VARCHAR(64)    NOT NULL PRIMARY KEY
                      REFERENCES gateway (gateway_id) ON DELETE CASCADE,
  version             BIGINT         NOT NULL,
  content_hash        VARCHAR(64)    NOT NULL,
  assembled_at        TIMESTAMP      NOT NULL,
  -- the push version the edge runs: its Hello.config_version, raised by an ok CommandResult
  applied_version     BIGINT         NOT NULL DEFAULT 0,
  applied_at          TIMESTAMP,
  -- the edge's last answer to a ConfigPush (CommandResult "config:<version>")
  last_result_version BIGINT,
  last_result_ok      BOOLEAN,
  last_result_at      TIMESTAMP,
  -- its problems, one per line with their YAML path (empty when ok)
  last_problems       VARCHAR(16000),
  -- a version whose push went unanswered max-attempts times
  push_failed_version BIGINT,
  push_failed_at      TIMESTAMP,
  -- why the registry could not be assembled at the last try (null when it could)
  assembly_problem    VARCHAR(1000)
);

-- The config columns V12 added to gateway (a counter bumped per registry write, never pushed)
-- are replaced by gateway_config: one place for desired and applied versions.
ALTER TABLE gateway DROP COLUMN config_version;
ALTER TABLE gateway DROP COLUMN applied_config_version;
ALTER TABLE gateway DROP COLUMN config_result_version;
ALTER TABLE gateway DROP COLUMN config_result_ok;
ALTER TABLE gateway DROP COLUMN config_result_message;
ALTER TABLE gateway DROP COLUMN config_result_at;
