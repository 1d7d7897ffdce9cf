-- 001: the action plan register.
-- Portable SQL (SQLite now, PostgreSQL later): no SQLite-only types.

CREATE TABLE plan (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,          -- --name given at import, default 'main'
  title       TEXT,                          -- first line of the document
  source      TEXT,                          -- file imported last
  imported_at TEXT                           -- ISO timestamp of the last import
);

CREATE TABLE section (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  no      INTEGER NOT NULL,                    -- 1, 2, 3 as in "1. STRUCTURE"
  title   TEXT NOT NULL,
  UNIQUE (plan_id, no)
);

CREATE TABLE area (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  section_id  INTEGER REFERENCES section(id) ON DELETE SET NULL,
  no          INTEGER NOT NULL,                -- running number in the plan
  title       TEXT NOT NULL,
  duties_text TEXT,                            -- "Duties 1,2,4, 6-9" as written
  removed     INTEGER NOT NULL DEFAULT 0,      -- gone from the latest import
  UNIQUE (plan_id, no)
);

CREATE TABLE area_duty (
  area_id INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  duty    INTEGER NOT NULL,
  PRIMARY KEY (area_id, duty)
);

CREATE TABLE duty (
  no   INTEGER PRIMARY KEY,                    -- statutory duty number 1..N
  name TEXT NOT NULL
);

CREATE TABLE person (
  id       INTEGER PRIMARY KEY,
  initials TEXT NOT NULL UNIQUE,               -- as in the glossary: "SMcI"
  name     TEXT NOT NULL,
  role     TEXT,
  active   INTEGER NOT NULL DEFAULT 1,         -- 0 once they have left
  replaced_by INTEGER REFERENCES person(id)    -- set by 'people reassign'
);

CREATE TABLE term (
  id        INTEGER PRIMARY KEY,
  abbr      TEXT NOT NULL UNIQUE,              -- "DMG"
  expansion TEXT NOT NULL                      -- "Diversity Monitoring Group"
);

CREATE TABLE action (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  area_id      INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  code         TEXT NOT NULL,                  -- stable human id: "11d"
  letter       TEXT NOT NULL,                  -- "d"
  text         TEXT NOT NULL,
  lead_text    TEXT,                           -- the Lead cell value, ditto resolved
  timescale    TEXT,                           -- original words, ditto resolved
  ts_kind      TEXT NOT NULL DEFAULT 'unknown',
  ts_start     TEXT,                           -- ISO date or NULL
  ts_due       TEXT,                           -- ISO date or NULL
  ts_rrule     TEXT,
  ts_precision TEXT NOT NULL DEFAULT 'none',
  status       TEXT NOT NULL DEFAULT 'not-started'
               CHECK (status IN ('not-started','in-progress','done','dropped')),
  rag_override TEXT CHECK (rag_override IN ('red','amber','green')),
  rag_reason   TEXT,
  removed      INTEGER NOT NULL DEFAULT 0,     -- gone from the latest import
  UNIQUE (plan_id, code)
);

CREATE TABLE action_lead (
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,                  -- order in the Lead cell
  token     TEXT NOT NULL,                     -- as written: "GMacK"
  person_id INTEGER REFERENCES person(id),     -- resolved person, or NULL
  term_id   INTEGER REFERENCES term(id),       -- resolved group, or NULL
  PRIMARY KEY (action_id, pos)
);

-- Append-only history of each action: imports, status changes, notes.
CREATE TABLE action_event (
  id        INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  at        TEXT NOT NULL,                     -- ISO timestamp (UTC)
  author    TEXT NOT NULL,
  kind      TEXT NOT NULL,                     -- import|reword|status|note|rag|lead|removed|restored
  status    TEXT,                              -- status after this event
  note      TEXT,
  evidence  TEXT
);
CREATE INDEX action_event_action ON action_event(action_id, id);

-- Warnings of the last import, for 'plan lint'.
CREATE TABLE import_warning (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,                       -- align|lead|timescale|structure
  place   TEXT,                                -- "area 8 (Training)" or "line 42"
  message TEXT NOT NULL
);
