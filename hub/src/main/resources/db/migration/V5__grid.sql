-- The grid hierarchy (DOMAIN.md "Places: the grid"): county → town/street → village/community →
-- grid. Codes after GB/T 2260 (GridCode): fixed length per level and a child's code starts with
-- its parent's, so "X and everything below it" is code LIKE 'X%' (GridScope).
CREATE TABLE grid_node (
  code           VARCHAR(15)      NOT NULL PRIMARY KEY,
  level          VARCHAR(8)       NOT NULL,
  name           VARCHAR(128)     NOT NULL,
  parent_code    VARCHAR(15)      REFERENCES grid_node (code),
  -- GeoJSON Polygon or MultiPolygon (WGS-84 lon/lat), canonical compact text written by the
  -- hub (GeoJsonGeometry: at most 10,000 positions). VARCHAR rather than CLOB/TEXT: the same
  -- type, comparison and JDBC mapping on H2 (limit 1,000,000 characters) and PostgreSQL.
  polygon        VARCHAR(1000000),
  leader_user_id BIGINT           REFERENCES app_user (id) ON DELETE SET NULL,
  created_at     TIMESTAMP        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     TIMESTAMP        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT ck_grid_node_level CHECK (level IN ('COUNTY', 'TOWN', 'VILLAGE', 'GRID')),
  CONSTRAINT ck_grid_node_code_length CHECK (CHAR_LENGTH(code) =
    CASE level WHEN 'COUNTY' THEN 6 WHEN 'TOWN' THEN 9 WHEN 'VILLAGE' THEN 12 ELSE 15 END),
  CONSTRAINT ck_grid_node_parent CHECK (
    (level = 'COUNTY' AND parent_code IS NULL)
    OR (level <> 'COUNTY' AND parent_code IS NOT NULL
        AND CHAR_LENGTH(parent_code) = CHAR_LENGTH(code) - 3
        AND SUBSTRING(code FROM 1 FOR CHAR_LENGTH(parent_code)) = parent_code))
);
CREATE INDEX ix_grid_node_parent ON grid_node (parent_code);
CREATE INDEX ix_grid_node_leader ON grid_node (leader_user_id);

-- Grid members (网格员) of a node; the leader (网格长) is grid_node.leader_user_id.
CREATE TABLE grid_member (
  grid_code VARCHAR(15) NOT NULL REFERENCES grid_node (code) ON DELETE CASCADE,
  user_id   BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  PRIMARY KEY (grid_code, user_id)
);
CREATE INDEX ix_grid_member_user ON grid_member (user_id);

-- V3 left this key for the table it points at.
ALTER TABLE app_user_scope
  ADD CONSTRAINT fk_app_user_scope_grid FOREIGN KEY (grid_code) REFERENCES grid_node (code);
