-- 021: the reminders parity has mailed (issue 17): a lead's action due
-- within a week ('due-soon') or overdue ('overdue'), once per account and
-- due date; a flag raised ('flag'), once per account. The due date is
-- the key, so an action given a new date is reminded of again.
CREATE TABLE IF NOT EXISTS reminder_sent (
  kind     TEXT NOT NULL CHECK (kind IN ('due-soon', 'overdue', 'flag')),
  item     INTEGER NOT NULL,                -- action id or flag id
  due      TEXT NOT NULL DEFAULT '',        -- the due date reminded of ('' for flags)
  user_id  INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,                -- unix seconds
  PRIMARY KEY (kind, item, due, user_id)
);
