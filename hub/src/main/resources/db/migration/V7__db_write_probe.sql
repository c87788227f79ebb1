-- One row that every hub instance updates every few seconds: the database's health is judged by
-- a write, because a database that still answers SELECT 1 may be unable to write (a full disk).
CREATE TABLE db_write_probe (
  id         SMALLINT  NOT NULL PRIMARY KEY,
  written_at TIMESTAMP NOT NULL
);
INSERT INTO db_write_probe (id, written_at) VALUES (1, CURRENT_TIMESTAMP);
