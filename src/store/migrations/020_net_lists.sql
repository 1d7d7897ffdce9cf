-- 020: the staff network's mailing lists (issue 17): the lists, and one
-- subscription per list and address with its consent record and bounce
-- score. docs/network.md, "Mailing lists" says how they work.
--
-- Links in mail: a confirmation (or re-enable) link's token is stored
-- only as its hash (confirm_hash); an unsubscribe link's token is not
-- stored at all: it is a keyed hash of the subscription's id and salt
-- with the "lists" key of the key file beside the database, so a copy of
-- the database alone opens no link.

CREATE TABLE IF NOT EXISTS net_list (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,        -- "news": in addresses and List-Id
  name        TEXT NOT NULL,               -- "Staff network news"
  description TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',    -- the owner's email: told of disabled members
  public      INTEGER NOT NULL DEFAULT 1,  -- 1: on /lists with a public sign-up form
  created_at  TEXT NOT NULL,               -- UTC ISO 8601
  created_by  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS net_sub (
  id            INTEGER PRIMARY KEY,
  list_id       INTEGER NOT NULL REFERENCES net_list(id),
  email         TEXT NOT NULL COLLATE NOCASE,
  name          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'subscribed', 'unsubscribed', 'disabled')),
  salt          TEXT NOT NULL,               -- random; in the unsubscribe token's hash
  confirm_hash  TEXT,                        -- hash of the pending confirm/re-enable token
  requested_at  INTEGER NOT NULL,            -- unix seconds: the pending request (expiry)
  -- consent: the wording shown (net_consent_wording, purpose 'mailing'),
  -- how it was given and when it was confirmed
  wording_id    INTEGER REFERENCES net_consent_wording(id),
  consent_how   TEXT CHECK (consent_how IS NULL OR consent_how IN ('web', 'cli', 'import')),
  consent_at    TEXT,                        -- UTC ISO 8601, when subscribed
  unsub_at      TEXT,                        -- UTC ISO 8601, when unsubscribed
  unsub_how     TEXT,                        -- 'web', 'one-click', 'email', 'cli', 'bounces'
  -- bounces (Mailman's scoring): the score, the UTC day of the last
  -- counted bounce, and the warnings of a disabled subscription
  bounce_score  REAL NOT NULL DEFAULT 0,
  last_bounce   TEXT,                        -- YYYY-MM-DD
  disabled_at   INTEGER,                     -- unix seconds
  warnings_sent INTEGER NOT NULL DEFAULT 0,
  next_warning  INTEGER,                     -- unix seconds: the next warning (or removal)
  UNIQUE (list_id, email)
);
CREATE INDEX IF NOT EXISTS net_sub_status ON net_sub(list_id, status);
CREATE INDEX IF NOT EXISTS net_sub_email ON net_sub(email);
CREATE INDEX IF NOT EXISTS net_sub_confirm ON net_sub(confirm_hash);
