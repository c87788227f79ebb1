-- "Stay signed in on this phone" (console package): persistent remember-me logins. The cookie
-- holds series:token; only the SHA-256 of the token is stored, and the token is replaced on every
-- use, so a stolen database cannot sign anyone in and a replayed old cookie is noticed (theft:
-- all of the user's rows are deleted). Deleting a row signs that phone out.
CREATE TABLE console_remember_me (
  series     VARCHAR(43)  NOT NULL PRIMARY KEY,
  user_id    BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  token_hash VARCHAR(64)  NOT NULL,
  created_at TIMESTAMP    NOT NULL,
  last_used  TIMESTAMP    NOT NULL,
  user_agent VARCHAR(200)
);

CREATE INDEX ix_console_remember_me_user ON console_remember_me (user_id, last_used);
