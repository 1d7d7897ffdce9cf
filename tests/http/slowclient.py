#!/usr/bin/env python3
"""tests/http/slowclient.py: badly behaved HTTP clients for tests/http/hardening.sh.

  early PORT PATH CTYPE LENGTH [COOKIE] [WAIT]
      Send a POST's headers only (Content-Length LENGTH, no Expect), then
      wait up to WAIT seconds (default 3) for the answer without sending a
      byte of the body. Prints the status code, or "none".
  flood PORT PATH CLIENTS BYTES
      CLIENTS connections at once, each sending a POST of BYTES bytes of
      multipart without a cookie as fast as the server takes it. Prints
      the bytes the server accepted in all.
  slowloris PORT FIRST_ADDR N_ADDRS PER_ADDR INTERVAL SECONDS OUT
      PER_ADDR connections from each of the loopback addresses 127.0.0.FIRST
      on, each sending a request line and then one header line every
      INTERVAL seconds, never finishing, for SECONDS. Writes "opened N" to
      OUT once they are open, then "open N" (how many the server has not
      closed) every second, and "done N" at the end.
  slowbody PORT PATH COOKIE LENGTH SECONDS
      A POST of LENGTH bytes of multipart whose body is sent one byte a
      second for SECONDS (cookie "name=value; ..."). Prints the status
      code the server answered with, or "none" when it just closed.
"""
import socket
import sys
import threading
import time

HOST = "127.0.0.1"


def post_head(path, ctype, length, cookie=None):
    h = "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (
        path, ctype, length)
    if cookie:
        h += "Cookie: %s\r\n" % cookie
    return (h + "\r\n").encode()


def status_of(sock, wait):
    sock.settimeout(wait)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, OSError):
        pass
    line = data.split(b"\r\n", 1)[0].split()
    return line[1].decode() if len(line) > 1 else "none"


def early(port, path, ctype, length, cookie=None, wait=3.0):
    s = socket.create_connection((HOST, port))
    s.sendall(post_head(path, ctype, int(length), cookie))
    print(status_of(s, float(wait)))


def flood(port, path, clients, nbytes):
    nbytes = int(nbytes)
    total = [0]
    lock = threading.Lock()
    ctype = "multipart/form-data; boundary=XyZ"

    def one():
        sent = 0
        try:
            s = socket.create_connection((HOST, port))
            s.sendall(post_head(path, ctype, nbytes))
            # one well-formed file part, so that a server that reads it keeps it
            head = (b'--XyZ\r\nContent-Disposition: form-data; name="file"; '
                    b'filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n')
            tail = b"\r\n--XyZ--\r\n"
            s.sendall(head)
            sent = len(head)
            block = b"a" * 65536
            while sent < nbytes - len(tail):
                sent += s.send(block[: min(len(block), nbytes - len(tail) - sent)])
            s.sendall(tail)
            sent += len(tail)
            s.settimeout(10)
            s.recv(100)
        except OSError:
            pass
        with lock:
            total[0] += sent
    ts = [threading.Thread(target=one) for _ in range(int(clients))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(total[0])


def slowloris(port, first, n_addrs, per_addr, interval, seconds, out):
    socks = []
    for a in range(int(n_addrs)):
        src = "127.0.0.%d" % (int(first) + a)
        for _ in range(int(per_addr)):
            try:
                s = socket.socket()
                s.bind((src, 0))
                s.settimeout(2)
                s.connect((HOST, port))
                s.sendall(b"GET /public HTTP/1.1\r\nHost: x\r\n")
                s.setblocking(False)
                socks.append(s)
            except OSError:
                pass

    def report(word):
        with open(out, "a") as f:
            f.write("%s %d\n" % (word, len(socks)))
    report("opened")
    end = time.time() + float(seconds)
    next_line = time.time() + float(interval)
    while time.time() < end:
        time.sleep(1)
        alive = []
        for s in socks:
            try:
                if s.recv(4096) == b"":
                    s.close()
                    continue
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                continue
            alive.append(s)
        socks = alive
        if time.time() >= next_line:
            next_line += float(interval)
            alive = []
            for s in socks:
                try:
                    s.send(b"X-Slow: a\r\n")
                    alive.append(s)
                except OSError:
                    s.close()
            socks = alive
        report("open")
    report("done")


def slowbody(port, path, cookie, length, seconds):
    s = socket.create_connection((HOST, port))
    s.sendall(post_head(path, "multipart/form-data; boundary=XyZ", int(length), cookie))
    s.settimeout(1)
    for _ in range(int(seconds)):
        try:
            s.send(b"-")
        except OSError:
            break
        try:
            s.recv(1, socket.MSG_PEEK)  # an answer, or b"" when closed
            break
        except socket.timeout:
            pass
        except OSError:
            break
    print(status_of(s, 1))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    port = int(args[0])
    {"early": early, "flood": flood, "slowloris": slowloris, "slowbody": slowbody}[cmd](
        port, *args[1:])
