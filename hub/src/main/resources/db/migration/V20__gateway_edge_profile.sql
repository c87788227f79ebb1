-- Issue 12: a gateway's edge profile, the managed mapping and rule keys of its pushed
-- configuration (PROTOCOL.md §10): mapping.presets, mapping.rules, rules.device_types. A NULL
-- column is a key the hub does not manage (the gateway's local file keeps its value). The YAML is
-- stored as the technician wrote it, after the hub's validator accepted it (EdgeProfileValidator);
-- its size is capped by gridguard.edge-profile.max-yaml-bytes (at most 1 MiB).
CREATE TABLE gateway_edge_profile (
  gateway_id        VARCHAR(64)      NOT NULL PRIMARY KEY
                    REFERENCES gateway (gateway_id) ON DELETE CASCADE,
  -- preset names in order, joined by ',' (names have no comma); '' = none chosen
  mapping_presets   VARCHAR(1024),
  mapping_rules     VARCHAR(1048576),
  device_type_rules VARCHAR(1048576),
  updated_at        TIMESTAMP        NOT NULL,
  updated_by        VARCHAR(128)     NOT NULL
);

-- V12's placeholder for the same content was never written or read; it is replaced.
DROP TABLE gateway_edge_rules;
