-- The patrol phone's offline action queue: every action the phone sends carries a client action id
-- (the Idempotency-Key header), unique per user. The row is written first, in the transaction of the
-- action, so a replay of an action that committed is recognised (and answered with the task as it
-- is now) while an action that failed leaves no row and may be sent again. Purged with the feed.
CREATE TABLE patrol_client_action (
  username   VARCHAR(64) NOT NULL,
  action_id  VARCHAR(64) NOT NULL,
  task_id    BIGINT      NOT NULL,
  action     VARCHAR(16) NOT NULL,
  at         TIMESTAMP   NOT NULL,
  PRIMARY KEY (username, action_id)
);
CREATE INDEX ix_patrol_client_action_at ON patrol_client_action (at);
