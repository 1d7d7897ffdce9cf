/*
 * mail/internal.h: what the files of src/mail share and nothing else
 * sees — the keys derived from the key file's "mail" key (the sealed
 * SMTP password, the VERP check), the VERP address itself, and the clock.
 */
#ifndef PARITY_MAIL_INTERNAL_H
#define PARITY_MAIL_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "mail/mail.h"
#include "store/store.h"

/* Two keys derived (libsodium crypto_kdf) from the key file's 32-byte
 * "mail" key (store_key_get, made on first use when may_create): one
 * seals the SMTP password, the other keys the VERP check. */
#define MAIL_SUBKEY_SEAL 1
#define MAIL_SUBKEY_VERP 2
int mail_subkey(store_t *db, int which, int may_create, unsigned char key[32], struct err *e);

/* Seal password with key (crypto_secretbox: a random nonce, then the
 * box) into out. Unseal the n bytes at sealed into out (NUL-terminated):
 * ERR_DATA when they were not sealed with this key. */
void mail_seal(const unsigned char key[32], const char *password, struct buf *out);
int mail_unseal(const unsigned char key[32], const void *sealed, size_t n, struct buf *out,
		struct err *e);

/* The check of outbox id: 10 lowercase hex digits of a BLAKE2b of the
 * id's decimal digits keyed with the VERP key. */
void mail_verp_check(const unsigned char key[32], int64_t id, char out[11]);
/* The VERP return path of outbox id, "local+b<ID>-<CHECK>@domain" from
 * the settings' from address, into b. */
void mail_verp_address(const struct mail_settings *s, const unsigned char key[32], int64_t id,
		       struct buf *b);
/* Read a VERP address: 1 with *id set when addr has the form and its
 * check is right, 0 when it is not a VERP address, -1 when it has the
 * form but a wrong (forged) check. */
int mail_verp_parse(const unsigned char key[32], const char *addr, int64_t *id);

/* The room's commands (mail/cmd.c), for the room itself (mail/web.c). */
extern const struct cli_command mail_commands[];

#endif
