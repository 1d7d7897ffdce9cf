-- 017: mail (issue 17): the settings of 'parity mail setup', the outbox
-- that 'parity mail run' and serve's worker deliver from, and web
-- accounts' email addresses for the plan's reminders.

-- One row: how to reach the SMTP server and what to send as.
-- The SMTP password is not here: it is kept sealed with the key file's
-- "mail" key (store_key_get), so a copy of the database alone holds no
-- password.
CREATE TABLE IF NOT EXISTS mail_setting (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  smtp        TEXT NOT NULL,               -- smtp://HOST:PORT or smtps://HOST:PORT
  from_addr   TEXT NOT NULL,
  from_name   TEXT NOT NULL DEFAULT '',
  site_url    TEXT NOT NULL,               -- links in messages start with it
  tls         TEXT NOT NULL DEFAULT 'required'
              CHECK (tls IN ('required', 'optional', 'off')),
  smtp_user   TEXT NOT NULL DEFAULT '',
  smtp_secret BLOB,                        -- the password, sealed (nonce + box)
  ca_file     TEXT NOT NULL DEFAULT '',    -- a CA bundle to trust, '' for the system's
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

-- A message sent to many (a post to a list): its parts once, with
-- {{name}} places each recipient's outbox row fills from its vars. Such a
-- row is built at delivery, so queueing 10,000 takes a moment.
CREATE TABLE IF NOT EXISTS mail_batch (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  text        TEXT NOT NULL,
  html        TEXT,
  headers     TEXT NOT NULL DEFAULT '[]',  -- JSON [[name, value], ...]
  reply_to    TEXT,
  queued_at   INTEGER NOT NULL
);

-- Every message parity sends: built whole (RFC 5322, CRLF) when queued,
-- or, for a row of a batch, built from the batch and its vars when sent.
CREATE TABLE IF NOT EXISTS mail_outbox (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,               -- the domain's word: list, confirm, invite ...
  ref         INTEGER NOT NULL DEFAULT 0,  -- the domain's row
  rcpt        TEXT NOT NULL,               -- envelope recipient
  subject     TEXT NOT NULL,               -- for the outbox page
  message_id  TEXT NOT NULL,               -- without <>
  body        BLOB,                        -- the whole message; NULL for a batch's row
  batch_id    INTEGER REFERENCES mail_batch(id),
  to_name     TEXT,                        -- a batch row's recipient's name
  vars        TEXT,                        -- a batch row's values, JSON {name: value}
  status      TEXT NOT NULL DEFAULT 'queued'
              CHECK (status IN ('queued', 'sent', 'failed', 'bounced')),
  queued_at   INTEGER NOT NULL,            -- unix seconds
  due_at      INTEGER NOT NULL,            -- next try, unix seconds
  attempts    INTEGER NOT NULL DEFAULT 0,
  sent_at     INTEGER,
  smtp_code   INTEGER,                     -- the server's last answer (250, 451, 550)
  last_error  TEXT,                        -- the server's words, or why it could not be reached
  bounced_at  INTEGER,
  bounce_hard INTEGER                      -- 1 permanent, 0 temporary
);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox(status, due_at);
CREATE INDEX IF NOT EXISTS mail_outbox_mid ON mail_outbox(message_id);
CREATE INDEX IF NOT EXISTS mail_outbox_ref ON mail_outbox(kind, ref);
CREATE INDEX IF NOT EXISTS mail_outbox_batch ON mail_outbox(batch_id);

-- Web accounts' email addresses (for the plan's reminders) and whether
-- they want those reminders (each user can opt out).
ALTER TABLE web_user ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE web_user ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1;
