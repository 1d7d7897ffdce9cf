# tests/mail/lib.sh: a real SMTP server (tests/mail/smtpd.py: Debian
# python3-aiosmtpd delivering into a Maildir) for the tests, sourced.
#
#   mail_have_server        0 when /usr/bin/python3 has aiosmtpd
#   mail_make_certs DIR     a test CA (DIR/ca.pem) and a certificate for
#                           localhost and 127.0.0.1 signed by it
#                           (DIR/server.pem, DIR/server.key), made now by openssl
#   mail_start NAME [OPTIONS...]   start a server: its port in MAIL_PORT_<NAME>,
#                           its Maildir in $MAIL_DIR/NAME/maildir (new/ holds the
#                           messages), its state file $MAIL_DIR/NAME/state
#                           ("accept" in it: the server changes its mind)
#   mail_stop_all           stop every server started (run on exit)
# Options are smtpd.py's: --tls-cert F --tls-key F --require-starttls --auth U:P
MAIL_PY=/usr/bin/python3
MAIL_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MAIL_PIDS=()
: "${MAIL_DIR:=$(mktemp -d)}"

mail_have_server() { "$MAIL_PY" -c 'import aiosmtpd' 2>/dev/null; }

mail_free_port() {
  "$MAIL_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

mail_make_certs() {
  local d=$1
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=parity test CA" \
    -keyout "$d/ca.key" -out "$d/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    >/dev/null 2>&1 || return 1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/server.key" \
    -out "$d/server.csr" >/dev/null 2>&1 || return 1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
    -days 2 -extfile "$d/ext.cnf" -out "$d/server.pem" >/dev/null 2>&1
}

mail_start() {
  local name=$1 port dir i; shift
  dir="$MAIL_DIR/$name"
  mkdir -p "$dir"
  : >"$dir/state"
  port=$(mail_free_port)
  "$MAIL_PY" "$MAIL_LIB_DIR/smtpd.py" --port "$port" --maildir "$dir/maildir" \
    --state "$dir/state" "$@" >"$dir/out" 2>"$dir/err" &
  MAIL_PIDS+=($!)
  for i in $(seq 1 100); do
    grep -q ready "$dir/out" 2>/dev/null && break
    sleep 0.1
  done
  grep -q ready "$dir/out" || { echo "smtpd $name did not start:"; cat "$dir/err"; return 1; }
  printf -v "MAIL_PORT_$name" '%s' "$port"
}

mail_stop_all() {
  local p
  for p in "${MAIL_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  MAIL_PIDS=()
}
