-- 019: the staff network's meetings (issue 17): series with an RFC 5545
-- rule and a venue rota, the meetings made from them, invitations with
-- RSVPs and attendance, and papers and minutes (docs/network.md, "Meetings").
--
-- Erasing a member (meet_erase_member) removes their RSVPs and tokens
-- and the link to them (member_id NULL), but keeps the invitation rows,
-- so that counts invited and attended stay right.

CREATE TABLE IF NOT EXISTS net_series (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'regional'
              CHECK (kind IN ('regional', 'managers', 'conference', 'agm')),
  region_id   INTEGER REFERENCES net_region(id),  -- regional series only
  rrule       TEXT NOT NULL,               -- FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU
  every_words TEXT NOT NULL,               -- as given: "2-months"
  on_words    TEXT NOT NULL,               -- as given: "2nd Tuesday"
  dtstart     TEXT NOT NULL,               -- YYYY-MM-DD, the first possible date
  start_time  TEXT NOT NULL DEFAULT '18:00', -- HH:MM, Europe/London
  end_time    TEXT NOT NULL DEFAULT '20:00',
  invite_days INTEGER NOT NULL DEFAULT 21, -- invitations go out this many days before
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

-- The rota: venues in turn (pos), each passed over from skipped_from on.
CREATE TABLE IF NOT EXISTS net_venue (
  id           INTEGER PRIMARY KEY,
  series_id    INTEGER NOT NULL REFERENCES net_series(id),
  pos          INTEGER NOT NULL,
  name         TEXT NOT NULL,
  skipped_from TEXT,                       -- YYYY-MM-DD, NULL while in the rota
  UNIQUE (series_id, pos)
);

CREATE TABLE IF NOT EXISTS net_meeting (
  id          INTEGER PRIMARY KEY,
  series_id   INTEGER NOT NULL REFERENCES net_series(id),
  orig_date   TEXT NOT NULL,               -- the date the rule gave (the UID keeps it)
  date        TEXT NOT NULL,               -- the date it is on (changed by hand)
  start_time  TEXT NOT NULL,
  end_time    TEXT NOT NULL,
  venue       TEXT NOT NULL DEFAULT '',
  venue_fixed INTEGER NOT NULL DEFAULT 0,  -- 1: venue set by hand (change, swap)
  hand        INTEGER NOT NULL DEFAULT 0,  -- 1: changed by hand (kept when the rule changes)
  note        TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'scheduled'
              CHECK (status IN ('scheduled', 'cancelled')),
  reason      TEXT NOT NULL DEFAULT '',    -- why it was cancelled
  sequence    INTEGER NOT NULL DEFAULT 0,  -- the calendar's SEQUENCE, bumped on change
  invited_at  TEXT,                        -- when invitations went out (UTC ISO 8601)
  uid         TEXT NOT NULL UNIQUE,        -- the calendar's UID
  updated_at  TEXT NOT NULL,
  UNIQUE (series_id, orig_date)
);
CREATE INDEX IF NOT EXISTS net_meeting_date ON net_meeting(date);

-- One row per member invited (or marked attended without an invitation).
CREATE TABLE IF NOT EXISTS net_invite (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES net_meeting(id),
  member_id   INTEGER REFERENCES net_member(id), -- NULL once the member is erased
  token_hash  TEXT UNIQUE,                 -- BLAKE2b of the RSVP token; NULL once erased
  invited_at  TEXT,                        -- NULL: marked attended, never invited
  rsvp        TEXT CHECK (rsvp IS NULL OR rsvp IN ('yes', 'no', 'maybe')),
  rsvp_at     TEXT,
  attended    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS net_invite_meeting ON net_invite(meeting_id, member_id);
CREATE INDEX IF NOT EXISTS net_invite_member ON net_invite(member_id);

-- Papers (an AGM's) and minutes, kept in the database.
CREATE TABLE IF NOT EXISTS net_meeting_doc (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES net_meeting(id),
  kind        TEXT NOT NULL CHECK (kind IN ('paper', 'minutes')),
  title       TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  mime        TEXT NOT NULL,               -- application/pdf or text/plain
  body        BLOB NOT NULL,
  public      INTEGER NOT NULL DEFAULT 0,  -- minutes shown on the public calendar
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS net_meeting_doc_meeting ON net_meeting_doc(meeting_id);
