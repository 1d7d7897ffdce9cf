-- 015: an action's own duties (issue 15: adding an action on the web).
--
-- An action serves the statutory duties of its area of work (area_duty,
-- from the plan's Duties column). An action added on the web may name
-- more: the duties ticked when it was added are kept here, and the duties
-- an action serves are its area's and its own together. An import never
-- writes or removes these rows.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)

CREATE TABLE IF NOT EXISTS action_duty (
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  duty      INTEGER NOT NULL,                  -- statutory duty number 1..999
  PRIMARY KEY (action_id, duty)
);
