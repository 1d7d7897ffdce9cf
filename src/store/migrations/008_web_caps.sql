-- 008: capabilities instead of a role ladder (docs/web.md, "Accounts and
-- capabilities"). web_user.role now names a bundle of capabilities; each
-- account may also have capabilities granted beyond its role (granted = 1)
-- or taken away from it (granted = 0), one row each, kept as differences
-- from the role. Capability names are text ("import-data") so that later
-- ones need no new schema; a name this build does not know is ignored.
--
-- Existing accounts get no rows: each bundle holds exactly what its role
-- allowed before (viewer, lead, monitor, admin), so every account keeps
-- the same rights.

CREATE TABLE web_user_cap (
  user_id INTEGER NOT NULL REFERENCES web_user(id) ON DELETE CASCADE,
  cap     TEXT NOT NULL,                       -- "import-data", "casework", ...
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  PRIMARY KEY (user_id, cap)
);
