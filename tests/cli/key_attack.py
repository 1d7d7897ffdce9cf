#!/usr/bin/python3
"""The security review's attack on pseudonyms (issue 13, finding 4): with the
pseudonymisation key, every pseudonym of a database is reversed by hashing
each possible person id; the key was in the database, so a copy of the
database alone was enough.

    key_attack.py DB PREFIX DIGITS N [KEYHEX]

DB is a copy of a database file; the person ids are PREFIX followed by the
numbers 1..N written with DIGITS digits (SU0000001...). The stored
pseudonyms are read from DB (mon_block.pid: 16 bytes a person).

With KEYHEX (the key from the key file): prints how many of the N ids it
reverses and exits 0 only when it reverses all of them (the attack works
when someone has both files). Without it: tries as the key every 16-byte
run of DB's bytes and every run of 32 hex digits in it, and exits 0 only
when none of them reverses an id and the key file's bytes (when KEYHEX is
given through --absent KEYHEX) are nowhere in DB, raw or as hex.

The pseudonym is SipHash-2-4 with a 128-bit output (libsodium's
crypto_shorthash_siphashx24), written here from the SipHash paper so that
the test does not depend on parity's own code."""
import re
import sqlite3
import sys

MASK = (1 << 64) - 1


def rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & MASK


def siphash128(key, msg):
    k0 = int.from_bytes(key[:8], "little")
    k1 = int.from_bytes(key[8:16], "little")
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D ^ 0xEE,
         k0 ^ 0x6C7967656E657261, k1 ^ 0x7465646279746573]

    def rnd():
        v[0] = (v[0] + v[1]) & MASK; v[1] = rotl(v[1], 13) ^ v[0]; v[0] = rotl(v[0], 32)
        v[2] = (v[2] + v[3]) & MASK; v[3] = rotl(v[3], 16) ^ v[2]
        v[0] = (v[0] + v[3]) & MASK; v[3] = rotl(v[3], 21) ^ v[0]
        v[2] = (v[2] + v[1]) & MASK; v[1] = rotl(v[1], 17) ^ v[2]; v[2] = rotl(v[2], 32)

    n = len(msg)
    end = n - n % 8
    for i in range(0, end, 8):
        m = int.from_bytes(msg[i:i + 8], "little")
        v[3] ^= m; rnd(); rnd(); v[0] ^= m
    b = ((n & 0xFF) << 56) | int.from_bytes(msg[end:], "little")
    v[3] ^= b; rnd(); rnd(); v[0] ^= b
    v[2] ^= 0xEE
    for _ in range(4):
        rnd()
    out1 = v[0] ^ v[1] ^ v[2] ^ v[3]
    v[1] ^= 0xDD
    for _ in range(4):
        rnd()
    out2 = v[0] ^ v[1] ^ v[2] ^ v[3]
    return out1.to_bytes(8, "little") + out2.to_bytes(8, "little")


def stored_pseudonyms(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    pids = set()
    for (blob,) in db.execute("SELECT pid FROM mon_block"):
        for i in range(0, len(blob), 16):
            pids.add(bytes(blob[i:i + 16]))
    db.close()
    return pids


def main(argv):
    absent = None
    if len(argv) > 1 and argv[1] == "--absent":
        absent = bytes.fromhex(argv[2])
        argv = argv[:1] + argv[3:]
    path, prefix, digits, n = argv[1], argv[2], int(argv[3]), int(argv[4])
    ids = [("%s%0*d" % (prefix, digits, i)).encode() for i in range(1, n + 1)]
    pids = stored_pseudonyms(path)
    if len(argv) > 5:
        key = bytes.fromhex(argv[5])
        hit = sum(1 for x in ids if siphash128(key, x) in pids)
        print("with the key file: %d of %d pseudonyms reversed" % (hit, n))
        return 0 if hit == n else 1
    data = open(path, "rb").read()
    first = ids[0]
    candidates = {data[i:i + 16] for i in range(len(data) - 15)}
    for m in re.finditer(rb"[0-9a-fA-F]{32,}", data):
        run = m.group(0)
        for i in range(0, len(run) - 31):
            candidates.add(bytes.fromhex(run[i:i + 32].decode()))
    found = [k for k in candidates if siphash128(k, first) in pids]
    print("from the database alone: %d candidate keys tried, %d reverse a pseudonym"
          % (len(candidates), len(found)))
    bad = bool(found)
    if absent is not None:
        for form, what in ((absent, "raw"), (absent.hex().encode(), "hex"),
                           (absent.hex().upper().encode(), "HEX")):
            if form in data:
                print("the key's bytes are in the database (%s)" % what)
                bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
