/*
 * mail/keys.c: the mail room's secrets — the keys derived from the key
 * file's "mail" key, the sealed SMTP password and the VERP return path
 * with its keyed check — and the clock tests can set.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/str.h"
#include "mail/internal.h"

time_t mail_now(void)
{
	const char *env = getenv("PARITY_NOW");
	long v;
	if (env && *env && str_to_int(env, 1, 32503680000L, &v) == 0)
		return (time_t)v;
	return time(NULL);
}

int mail_subkey(store_t *db, int which, int may_create, unsigned char key[32], struct err *e)
{
	unsigned char master[crypto_kdf_KEYBYTES];
	int rc;
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium could not start");
	rc = store_key_get(db, "mail", master, sizeof master, may_create, e);
	if (rc < 0)
		return rc;
	crypto_kdf_derive_from_key(key, 32, (uint64_t)which, "parity-m", master);
	sodium_memzero(master, sizeof master);
	return 0;
}

void mail_seal(const unsigned char key[32], const char *password, struct buf *out)
{
	size_t n = strlen(password);
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char *box = malloc(n + crypto_secretbox_MACBYTES);
	if (!box)
		abort();
	randombytes_buf(nonce, sizeof nonce);
	crypto_secretbox_easy(box, (const unsigned char *)password, n, nonce, key);
	buf_append(out, (const char *)nonce, sizeof nonce);
	buf_append(out, (const char *)box, n + crypto_secretbox_MACBYTES);
	free(box);
}

int mail_unseal(const unsigned char key[32], const void *sealed, size_t n, struct buf *out,
		struct err *e)
{
	const unsigned char *p = sealed;
	unsigned char *plain;
	size_t len;
	if (n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return err_set(e, ERR_DATA, "the sealed SMTP password is damaged: run 'parity mail "
			       "setup' again with --smtp-password-stdin");
	len = n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	plain = malloc(len + 1);
	if (!plain)
		abort();
	if (crypto_secretbox_open_easy(plain, p + crypto_secretbox_NONCEBYTES,
				       n - crypto_secretbox_NONCEBYTES, p, key) != 0) {
		free(plain);
		return err_set(e, ERR_DATA, "the SMTP password cannot be unsealed with this key "
			       "file's key: run 'parity mail setup' again with --smtp-password-stdin");
	}
	buf_append(out, (const char *)plain, len);
	sodium_memzero(plain, len);
	free(plain);
	return 0;
}

void mail_verp_check(const unsigned char key[32], int64_t id, char out[11])
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	char digits[32];
	static const char hex[] = "0123456789abcdef";
	int i;
	snprintf(digits, sizeof digits, "%" PRId64, id);
	crypto_generichash(h, sizeof h, (const unsigned char *)digits, strlen(digits), key, 32);
	for (i = 0; i < 5; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[10] = '\0';
}

void mail_verp_address(const struct mail_settings *s, const unsigned char key[32], int64_t id,
		       struct buf *b)
{
	char check[11];
	struct buf tag = BUF_INIT;
	mail_verp_check(key, id, check);
	buf_printf(&tag, "b%" PRId64 "-%s", id, check);
	mail_address_tagged(s, buf_str(&tag), b);
	buf_free(&tag);
}

int mail_verp_parse(const unsigned char key[32], const char *addr, int64_t *id)
{
	const char *at = strrchr(addr, '@'), *p, *plus = NULL, *dash;
	char want[11], got[11];
	int64_t v = 0;
	size_t i;
	if (!at)
		return 0;
	for (p = addr; p < at; p++)
		if (*p == '+')
			plus = p;
	if (!plus || (plus[1] != 'b' && plus[1] != 'B') || !isdigit((unsigned char)plus[2]))
		return 0;
	for (p = plus + 2; p < at && isdigit((unsigned char)*p); p++) {
		if (v > (INT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (*p - '0');
	}
	if (*p != '-')
		return 0;
	dash = p;
	if (at - dash - 1 != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		char c = (char)tolower((unsigned char)dash[1 + i]);
		if (!isxdigit((unsigned char)c))
			return 0;
		got[i] = c;
	}
	got[10] = '\0';
	mail_verp_check(key, v, want);
	if (sodium_memcmp(want, got, 10) != 0)
		return -1;
	*id = v;
	return 1;
}
