-- Evidence items (snapshots, clips) assembled from EVIDENCE lane chunks (PROTOCOL.md §7).
CREATE TABLE evidence_item (
  gateway_id      VARCHAR(64)  NOT NULL,
  evidence_id     VARCHAR(128) NOT NULL,
  content_type    VARCHAR(128) NOT NULL,
  total_size      BIGINT       NOT NULL,
  chunk_count     INT          NOT NULL,
  sha256          VARCHAR(64)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  device_id       VARCHAR(128) NOT NULL,
  capture_time_ms BIGINT       NOT NULL,
  created_at      TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  completed_at    TIMESTAMP,
  PRIMARY KEY (gateway_id, evidence_id)
);
CREATE INDEX ix_evidence_item_created ON evidence_item (created_at);

-- One row per stored chunk; the sequence constraint keeps replays out.
CREATE TABLE evidence_chunk (
  gateway_id  VARCHAR(64)  NOT NULL,
  stream_id   VARCHAR(128) NOT NULL,
  lane        SMALLINT     NOT NULL,
  sequence    BIGINT       NOT NULL,
  evidence_id VARCHAR(128) NOT NULL,
  chunk_index INT          NOT NULL,
  received_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_evidence_chunk UNIQUE (gateway_id, stream_id, lane, sequence)
);
CREATE INDEX ix_evidence_chunk_item ON evidence_chunk (gateway_id, evidence_id);
