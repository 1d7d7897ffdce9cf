-- 010: imports written in short transactions (issue 13, finding 8; see
-- docs/datasets.md, "Importing while parity is in use").
--
-- A data import held the database's write lock from its first row to its
-- last: during a 10-million-row import a web update failed with "database
-- is locked" and pages waited. Now the import reads and checks the whole
-- file without the lock, then writes its rows a few blocks at a time, each
-- in a short transaction of its own, under an import that nothing shows
-- yet: a mon_import row with a placeholder period, listed here. One short
-- transaction then swaps it in: the import it replaces (if any) takes a
-- placeholder and is listed here in turn, the new one takes the period,
-- and the report's flags are recorded. The replaced import's rows are then
-- deleted, again a few blocks at a time.
--
-- A mon_import row listed here is an import being written or removed:
-- lists, reports and the dashboard leave it out. If the process writing it
-- dies (killed mid-import), the next import removes it, so a failed import
-- still leaves the data as it was.
-- (IF NOT EXISTS: a database taken back by hand to an earlier schema
-- version, as tests do, can run it again.)
CREATE TABLE IF NOT EXISTS mon_stage (
  import_id  INTEGER PRIMARY KEY REFERENCES mon_import(id) ON DELETE CASCADE,
  owner      INTEGER NOT NULL,               -- process id of the parity writing or removing it
  started_at TEXT NOT NULL
);
