-- 022: the equality details a member chose to give (issue 18): optional,
-- one row per characteristic answered, so that the network's mentoring
-- outcomes, case counts and survey results can be counted by group. Only
-- the group ever leaves parity, and only through safe publication
-- (docs/network.md, "Equality details"). A member's erasure deletes them.

CREATE TABLE IF NOT EXISTS net_member_char (
  member_id       INTEGER NOT NULL REFERENCES net_member(id),
  characteristic  TEXT NOT NULL,             -- the column name: ethnicity, sex, ...
  value           TEXT NOT NULL,             -- as given: "B1", "Female", "NS"
  grp             TEXT NOT NULL,             -- the analysis group: "Black", "Not stated"
  updated_at      TEXT NOT NULL,             -- UTC ISO 8601
  PRIMARY KEY (member_id, characteristic)
);
