# End-to-end cases for web accounts on the command line (sourced by
# tests/cli/run.sh). The server itself is tested in tests/http/.
W="$T/web.db"
t user-add 0 'added user ann \(monitor\)' '' -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add ann --role monitor --password-stdin"
t user-add-lead 0 'added user joe \(lead\)' '' -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add joe --role lead --lead-initials JS --password-stdin"
t user-add-dup 1 '' 'already a user called ann' -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add ann --role viewer --password-stdin"
t user-add-bad-role 2 '' "unknown role 'boss'" -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add bob --role boss --password-stdin"
t user-add-no-role 2 '' 'give --role' -- "$P" --db "$W" user add bob --password-stdin
t user-add-lead-needs-initials 2 '' 'needs --lead-initials' -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add bob --role lead --password-stdin"
t user-add-short-pw 1 '' 'at least 10 characters' -- sh -c "printf 'short\n' | '$P' --db '$W' user add bob --role viewer --password-stdin"
t user-add-name-is-pw 1 '' 'must not be the user name' -- sh -c "printf 'bobbobbobbob\n' | '$P' --db '$W' user add bobbobbobbob --role viewer --password-stdin"
t user-add-bad-name 1 '' 'not allowed' -- sh -c "printf 'long-enough-pw\n' | '$P' --db '$W' user add 'a b' --role viewer --password-stdin"
t user-add-no-pw 1 '' 'no password on standard input' -- sh -c "'$P' --db '$W' user add carl --role viewer --password-stdin </dev/null"
t user-add-no-tty 2 '' 'pipe it in with --password-stdin' -- setsid "$P" --db "$W" user add carl --role viewer
c user-add-failed-left-nothing sh -c "[ \$(sqlite3 '$W' 'SELECT count(*) FROM web_user') = 2 ]"
c user-pw-is-argon2id sh -c "sqlite3 '$W' \"SELECT pw_hash FROM web_user WHERE name='ann'\" | grep -q '^\\\$argon2id\\\$'"
t user-list 0 'joe +lead +JS +active' '' -- "$P" --db "$W" user list
t user-passwd 0 'password changed for ann' '' -- sh -c "printf 'another-long-one\n' | '$P' --db '$W' user passwd ann --password-stdin"
t user-passwd-unknown 1 '' 'no user zed' -- sh -c "printf 'another-long-one\n' | '$P' --db '$W' user passwd zed --password-stdin"
c user-audited sh -c "[ \$(sqlite3 '$W' \"SELECT count(*) FROM audit_log WHERE who='cli:tester' AND what IN ('user.add','user.passwd')\") = 3 ]"
t serve-bad-port 2 '' '--port takes a number' -- "$P" --db "$W" serve --port 99999
t serve-bad-bind 2 '' 'not an IPv4 address' -- "$P" --db "$W" serve --bind nowhere --port 0
t serve-help 0 'usage: parity serve' '' -- "$P" help serve
t serve-help-limits 0 'trusted-proxy ADDR.*|--max-anon-per-address' '' -- "$P" help serve
t serve-bad-proxy 2 '' "trusted-proxy '10.1.2.3/8': the address has bits set past the /8 prefix" -- "$P" --db "$W" serve --port 0 --trusted-proxy 10.1.2.3/8
t serve-bad-proxy-name 2 '' "'proxy.example' is not an IPv4 or IPv6 address" -- "$P" --db "$W" serve --port 0 --trusted-proxy proxy.example
t serve-bad-header-timeout 2 '' '--header-timeout takes seconds' -- "$P" --db "$W" serve --port 0 --header-timeout 0
t serve-bad-max-connections 2 '' '--max-connections takes a number' -- "$P" --db "$W" serve --port 0 --max-connections lots
t serve-inflight-below-upload 2 '' 'below --max-upload' -- "$P" --db "$W" serve --port 0 --max-upload 64 --max-inflight 32
# Without --password-stdin the password is asked twice at the terminal
# (script(1) gives the command a terminal); echo is off.
if command -v script >/dev/null; then
  t user-passwd-tty 0 'password changed for ann' '' -- sh -c "(sleep 0.5; printf 'typed-at-tty-1\n'; sleep 0.3; printf 'typed-at-tty-1\n') | script -qec \"'$P' --db '$W' user passwd ann\" /dev/null"
  t user-passwd-tty-differ 1 'the two passwords differ' '' -- sh -c "(sleep 0.5; printf 'typed-at-tty-1\n'; sleep 0.3; printf 'typed-at-tty-2\n') | script -qec \"'$P' --db '$W' user passwd ann\" /dev/null"
  (sleep 0.5; printf 'secret-typed-1\n'; sleep 0.3; printf 'secret-typed-1\n') | script -qec "'$P' --db '$W' user passwd ann" /dev/null > "$T/tty.out" 2>&1
  c user-passwd-tty-no-echo sh -c "grep -q 'password changed' '$T/tty.out' && ! grep -q secret-typed-1 '$T/tty.out'"
else
  skip user-passwd-tty "script(1) not installed"
fi
