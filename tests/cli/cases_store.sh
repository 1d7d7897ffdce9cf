# End-to-end cases for the database file itself (sourced by tests/cli/run.sh):
# what a read-only file or folder and a full disk say (issue 13, finding 15).

# ---- read-only file and folder. Root ignores file permissions, so as root
# the commands run as the unprivileged user nobody (setpriv); otherwise as
# the user running the tests. Without setpriv, as root, they are skipped.
RO="$T/ro"
mkdir -p "$RO"
AS=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    AS=(none)
  fi
fi
if [ "${AS[0]:-}" = none ]; then
  for n in read-only-file read-only-write read-only-folder; do skip "$n" "running as root without setpriv: root ignores file permissions"; done
else
  cp "$P" "$RO/parity"                                   # reachable by nobody
  "$P" --db "$RO/p.db" plan import "$ROOT/data/demo/action-plan.md" >/dev/null 2>&1
  chmod 711 "$T"
  chmod 444 "$RO/p.db"; chmod 555 "$RO"
  ro_before=$(dump "$RO/p.db")
  # before: "p.db is not a parity database (attempt to write a readonly database)"
  t read-only-file 1 '' "^parity: error: $RO/p.db is read-only: check its permissions, or copy it somewhere writable\$" -- "${AS[@]}" "$RO/parity" --db "$RO/p.db" plan list
  chmod 777 "$RO"
  # before: "database error: attempt to write a readonly database"
  t read-only-write 1 '' "$RO/p.db is read-only: check its permissions, or copy it somewhere writable; nothing was changed" -- "${AS[@]}" "$RO/parity" --db "$RO/p.db" plan update 1a --status done
  c read-only-unchanged test "$(dump "$RO/p.db")" = "$ro_before"
  rm -f "$RO/p.db-wal" "$RO/p.db-shm"
  chmod 666 "$RO/p.db"; chmod 555 "$RO"
  # before: "p.db is not a parity database (attempt to write a readonly database)"
  t read-only-folder 1 '' "$RO/p.db is in a folder parity cannot write to: SQLite keeps $RO/p.db-wal and $RO/p.db-shm beside the database. Check the folder's permissions, or copy the database somewhere writable" -- "${AS[@]}" "$RO/parity" --db "$RO/p.db" plan list
  chmod 755 "$RO"; chmod 700 "$T"
fi

# ---- a full disk: a small tmpfs in a mount namespace of its own, filled up
# but for 40 KiB (room to open the database, not to import). Where mounts
# are not allowed (most CI containers) this is skipped; the unit test
# store/full_disk_names_file_and_what_to_do covers the message everywhere.
MNT="$T/mnt"
mkdir -p "$MNT"
if unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs '$MNT'" 2>/dev/null; then
  "$P" --db "$T/full.db" plan list >/dev/null 2>&1
  cp "$T/full.db" "$T/full-before.db"
  # before: "database error while committing: database or disk is full"
  t disk-full 1 '' 'disk full writing p.db: free space and run again; nothing was changed' -- unshare -m sh -c "mount -t tmpfs -o size=1m tmpfs '$MNT' && cd '$MNT' && cp '$T/full.db' p.db && { dd if=/dev/zero of=fill bs=4k 2>/dev/null; truncate -s -40k fill; '$P' --db p.db plan import '$ROOT/data/demo/action-plan.md'; rc=\$?; rm fill; '$P' --db p.db plan list >/dev/null && cp p.db '$T/full.db'; exit \$rc; }"
  c disk-full-unchanged test "$(dump "$T/full.db")" = "$(dump "$T/full-before.db")"
else
  skip disk-full "cannot mount a small tmpfs here (unshare -m)"
  skip disk-full-unchanged "cannot mount a small tmpfs here (unshare -m)"
fi
