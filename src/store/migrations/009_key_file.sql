-- 009: the pseudonymisation key leaves the database (issue 13, finding 4;
-- docs/backup.md). Until now it was in mon_secret, in the same file as the
-- pseudonyms, so a copy of the database alone was enough to reverse them
-- by trying every person id. From now on keys live in a key file beside
-- the database (scheme.db.key, or $PARITY_KEY_FILE), made on first use.
--
-- Before this migration runs, store.c (migrate, move_key_out) writes the
-- key it finds in mon_secret to the key file; after it, the database keeps
-- only a check value of each key: a keyed hash (BLAKE2b, 16 bytes) of a
-- fixed text under the key, from which the key cannot be worked out. It
-- lets parity tell that a key file belongs to this database, and refuse a
-- missing or different one rather than make new pseudonyms that would
-- count the same people twice. The file is then rewritten (VACUUM) so that
-- no copy of the old key is left in its free pages or the WAL.
-- (IF NOT EXISTS / IF EXISTS: a database taken back by hand to an earlier
-- schema version, as tests do, can run it again.)
CREATE TABLE IF NOT EXISTS store_key (
  name        TEXT PRIMARY KEY,              -- 'pseudonym'
  check_value TEXT NOT NULL                  -- hex of BLAKE2b-128, keyed by the key, of 'parity key check: NAME'
);

DROP TABLE IF EXISTS mon_secret;
