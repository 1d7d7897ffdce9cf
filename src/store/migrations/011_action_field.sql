-- 011: the plan's other columns kept with each action (issue 14; see
-- docs/plan-import.md, "Columns kept as fields").
--
-- A plan's table often has columns beside the action, its lead and its
-- date: Progress, Key Performance Indicators, Team, Measure of success ...
-- An import keeps each as a field of the action: its name is the column's
-- header as written, its value the cell (paragraphs joined by a newline).
-- A re-import that changes a field records an action_event of kind
-- 'field' whose note says what the field was.
--
-- The plan's own action numbers ("4a", "1.2", "3.1.4") need no new column:
-- they are action.code, which was always the plan's id of the action.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)

CREATE TABLE IF NOT EXISTS action_field (
  action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,                  -- order of the columns in the plan
  name      TEXT NOT NULL,                     -- the header: "Key Performance Indicators"
  value     TEXT NOT NULL,                     -- the cell
  PRIMARY KEY (action_id, pos)
);
