-- 023: the staff network's mentoring (issue 18): profiles of mentors and
-- mentees (only with mentoring consent held), pairings confirmed by a
-- coordinator, the meetings of a pairing, and mentees' outcomes by
-- period, which leave parity only as a monitoring count table
-- (docs/network.md, "Mentoring").
--
-- Erasing a member (mentor_erase_member) deletes their profiles and
-- outcomes, takes them out of their pairings (member id NULL, feedback
-- and meeting notes emptied) and replaces their email where it is
-- another profile's line manager by "erased:N", so that the
-- line-manager rule still holds and nothing identifies them.

CREATE TABLE IF NOT EXISTS net_mentor_profile (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES net_member(id),
  role         TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
  areas        TEXT NOT NULL,               -- "promotion,interview-skills" (mentor_areas)
  remote       INTEGER NOT NULL DEFAULT 0,  -- 1: willing to meet remotely
  capacity     INTEGER NOT NULL DEFAULT 2,  -- a mentor's mentees at once (1 to 10)
  line_manager TEXT,                        -- an email, lowercase; NULL when not given
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  UNIQUE (member_id, role)
);

CREATE TABLE IF NOT EXISTS net_mentor_pair (
  id          INTEGER PRIMARY KEY,
  mentee_id   INTEGER REFERENCES net_member(id),  -- NULL once erased
  mentor_id   INTEGER REFERENCES net_member(id),  -- NULL once erased
  status      TEXT NOT NULL DEFAULT 'agreed' CHECK (status IN ('agreed', 'ended')),
  score       INTEGER NOT NULL DEFAULT 0,         -- the match's score when confirmed
  agreed_on   TEXT NOT NULL,                      -- YYYY-MM-DD
  agreed_by   TEXT NOT NULL,                      -- account or cli:NAME
  ended_on    TEXT,                               -- YYYY-MM-DD
  feedback    TEXT NOT NULL DEFAULT '',
  rating      INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5)
);
CREATE INDEX IF NOT EXISTS net_mentor_pair_mentee ON net_mentor_pair(mentee_id, status);
CREATE INDEX IF NOT EXISTS net_mentor_pair_mentor ON net_mentor_pair(mentor_id, status);

CREATE TABLE IF NOT EXISTS net_mentor_meeting (
  id         INTEGER PRIMARY KEY,
  pair_id    INTEGER NOT NULL REFERENCES net_mentor_pair(id),
  date       TEXT NOT NULL,                  -- YYYY-MM-DD
  note       TEXT NOT NULL DEFAULT '',
  logged_at  TEXT NOT NULL,
  logged_by  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS net_mentor_meeting_pair ON net_mentor_meeting(pair_id, date);

-- A mentee's outcome in a period (a year): did they apply for promotion,
-- were they promoted (1 yes, 0 no, NULL not known).
CREATE TABLE IF NOT EXISTS net_mentor_outcome (
  member_id    INTEGER NOT NULL REFERENCES net_member(id),
  period       TEXT NOT NULL,
  applied      INTEGER CHECK (applied IS NULL OR applied IN (0, 1)),
  promoted     INTEGER CHECK (promoted IS NULL OR promoted IN (0, 1)),
  recorded_at  TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  PRIMARY KEY (member_id, period)
);
