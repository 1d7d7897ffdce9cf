-- 014: plan actions made for diversity monitoring flags (issue 15).
--
-- An action created from a flag serves the statutory duties its maker
-- chose, which need not be those of its area ("Responses to diversity
-- monitoring flags", an area parity made, with no duties of its own):
-- action_duty holds them, and an action serves its area's duties and its
-- own. An action responds to the flags listed in action_flag: the flag it
-- was created from and any flag linked to it later (the same finding in
-- other units or quarters). mon_flag.action_id is the other direction.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)

CREATE TABLE IF NOT EXISTS action_duty (
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  duty      INTEGER NOT NULL,
  PRIMARY KEY (action_id, duty)
);

CREATE TABLE IF NOT EXISTS action_flag (
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  flag_id   INTEGER NOT NULL,                  -- mon_flag(id); flags with an action are kept
  PRIMARY KEY (action_id, flag_id)
);

-- The links made before: each flag's action.
INSERT INTO action_flag(action_id, flag_id)
  SELECT f.action_id, f.id FROM mon_flag f
  WHERE f.action_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM action_flag x WHERE x.action_id = f.action_id AND x.flag_id = f.id);

-- The comparison group's counts of a flag (its reference: White, everyone
-- else ...), beside the group's own numerator and denominator in mon_flag,
-- so that the flag's page shows both groups' counts and rates. Flags
-- raised before this have none (the page says so), until their period is
-- imported again.
CREATE TABLE IF NOT EXISTS mon_flag_ref (
  flag_id     INTEGER PRIMARY KEY REFERENCES mon_flag(id) ON DELETE CASCADE,
  numerator   INTEGER NOT NULL,                -- had the outcome
  denominator INTEGER NOT NULL                 -- in the comparison group
);
