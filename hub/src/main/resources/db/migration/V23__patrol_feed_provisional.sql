-- Feed rows are inserted with a provisional (negative) sequence taken from here and given their
-- per-user sequence just before their transaction commits (FeedLog): the per-user head row is
-- then locked only for the end of the transaction instead of from the first row to the commit.
-- Readers ask for seq > n >= 0, so a provisional row is never read.
CREATE SEQUENCE patrol_feed_provisional START WITH 1 INCREMENT BY 1;
