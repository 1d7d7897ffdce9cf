-- 028: work outside the plan's actions that serves its statutory duties
-- (issue 19). Another room says, through plan.h, which duties an item of
-- its own serves (an equality impact assessment today); the plan's duty
-- coverage counts it beside the actions. The plan knows only what is
-- written here, not the room behind it.
CREATE TABLE IF NOT EXISTS duty_work (
  kind   TEXT NOT NULL,              -- what the work is, for people: "Impact assessment"
  ref    TEXT NOT NULL,              -- the room's own key for the item: "3"
  duty   INTEGER NOT NULL,           -- the duty's number, as area_duty and duty hold it
  title  TEXT NOT NULL,              -- the item's title
  href   TEXT,                       -- its page on the staff site, or NULL
  live   INTEGER NOT NULL DEFAULT 1, -- 1 while under way or in force
  PRIMARY KEY (kind, ref, duty)
);
