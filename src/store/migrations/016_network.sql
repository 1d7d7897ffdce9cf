-- 016: the staff network's members, their regions and their consent
-- (issue 17). Member data is personal: only accounts holding the
-- 'members' capability read it (docs/network.md).
--
-- A member is erased in place (parity member erase): email, name and
-- grade become NULL and status 'erased', so that counts by region and
-- joining year stay right while nothing identifies the person. The
-- erasure itself is logged in net_erasure without the erased data.

CREATE TABLE IF NOT EXISTS net_region (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE IF NOT EXISTS net_member (
  id          INTEGER PRIMARY KEY,
  email       TEXT UNIQUE COLLATE NOCASE,   -- NULL once erased
  name        TEXT,                         -- NULL once erased
  region_id   INTEGER REFERENCES net_region(id),
  grade       TEXT,                         -- NULL when not given or erased
  manager     INTEGER NOT NULL DEFAULT 0,   -- 1: a manager (the managers' group)
  status      TEXT NOT NULL DEFAULT 'active'
              CHECK (status IN ('pending', 'active', 'left', 'erased')),
  joined      TEXT NOT NULL,                -- YYYY-MM-DD
  left_on     TEXT,                         -- YYYY-MM-DD when status is 'left'
  last_active TEXT NOT NULL,                -- UTC ISO 8601: the last sign of life
                                            -- (joined, updated, RSVP, attended,
                                            -- confirmed, consent given)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS net_member_region ON net_member(region_id, status);

-- The exact wording a person agrees to, per purpose, versioned: a new
-- wording is a new version; old versions stay, as consents refer to them.
CREATE TABLE IF NOT EXISTS net_consent_wording (
  id          INTEGER PRIMARY KEY,
  purpose     TEXT NOT NULL
              CHECK (purpose IN ('mailing', 'meetings', 'mentoring', 'consultations')),
  version     INTEGER NOT NULL,
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (purpose, version)
);

-- One row per consent given; withdrawing fills withdrawn_at and
-- withdrawn_how (the row stays: when consent was held is a record too).
-- A member's consent for a purpose is the latest row with no withdrawal.
CREATE TABLE IF NOT EXISTS net_consent (
  id            INTEGER PRIMARY KEY,
  member_id     INTEGER NOT NULL REFERENCES net_member(id),
  purpose       TEXT NOT NULL,
  wording_id    INTEGER NOT NULL REFERENCES net_consent_wording(id),
  given_at      TEXT NOT NULL,              -- UTC ISO 8601
  given_how     TEXT NOT NULL
                CHECK (given_how IN ('web', 'paper', 'import', 'email', 'cli')),
  withdrawn_at  TEXT,
  withdrawn_how TEXT
                CHECK (withdrawn_how IS NULL OR
                       withdrawn_how IN ('web', 'paper', 'import', 'email', 'cli')),
  recorded_by   TEXT NOT NULL               -- account or cli:NAME that recorded it
);
CREATE INDEX IF NOT EXISTS net_consent_member ON net_consent(member_id, purpose);

-- Erasures: who erased which member row and when, never what was erased.
CREATE TABLE IF NOT EXISTS net_erasure (
  id         INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL,
  erased_at  TEXT NOT NULL,
  erased_by  TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT ''       -- e.g. "request by the member"; no personal data
);

-- Hits on the public forms (joining, subscribing), for rate limits
-- (net_rate_hit): kept for an hour at most.
CREATE TABLE IF NOT EXISTS net_rate (
  bucket   TEXT NOT NULL,                  -- "subscribe", "join"
  address  TEXT NOT NULL,                  -- the client's address
  at       INTEGER NOT NULL                -- unix seconds
);
CREATE INDEX IF NOT EXISTS net_rate_key ON net_rate(bucket, address, at);

-- The first wording of each purpose (our own words; a new version is
-- added with 'parity consent wording').
INSERT OR IGNORE INTO net_consent_wording (purpose, version, text, created_at) VALUES
  ('mailing', 1, 'I agree that the staff network may send me its news and briefings by email. I can leave the mailing list at any time from a link in every message.', '2026-12-04T00:00:00Z'),
  ('meetings', 1, 'I agree that the staff network may email me invitations to meetings in my region, the managers'' group when I am a manager, the annual conference and the AGM. I can stop these invitations at any time.', '2026-12-04T00:00:00Z'),
  ('mentoring', 1, 'I agree that the staff network may use what I tell it about my work and goals to suggest mentoring matches, and share my name and region with a proposed mentor or mentee. I can withdraw at any time.', '2026-12-04T00:00:00Z'),
  ('consultations', 1, 'I agree that the staff network may invite me by email to take part in its consultations and surveys. Taking part is always optional, and I can stop these invitations at any time.', '2026-12-04T00:00:00Z');
