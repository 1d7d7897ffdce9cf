/*
 * network/common.c: what the network's parts share — purposes, tokens,
 * looking up members and regions, whether consent is held.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dates.h"
#include "core/str.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "network/internal.h"
#include "network/member.h"

const char *const net_purposes[NET_N_PURPOSES] = {"mailing", "meetings", "mentoring",
						  "consultations"};

const char *net_purpose_words(const char *purpose)
{
	static const char *const words[NET_N_PURPOSES] = {
		"the mailing list", "meeting invitations", "mentoring", "consultations and surveys"};
	int i;
	for (i = 0; i < NET_N_PURPOSES; i++)
		if (!strcmp(purpose, net_purposes[i]))
			return words[i];
	return purpose;
}

int net_purpose_ok(const char *s, struct err *e)
{
	int i;
	for (i = 0; s && i < NET_N_PURPOSES; i++)
		if (!strcmp(s, net_purposes[i]))
			return 0;
	return err_set(e, ERR_USAGE, "unknown purpose '%s'; consent is given for mailing, "
		       "meetings, mentoring or consultations", s ? s : "");
}

static void hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void net_token_new(char out[NET_TOKEN_HEX + 1])
{
	unsigned char raw[NET_TOKEN_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	hex(raw, sizeof raw, out);
}

void net_token_hash(const char *token, char out[NET_TOKEN_HEX + 1])
{
	unsigned char h[NET_TOKEN_HEX / 2];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	hex(h, sizeof h, out);
}

int net_member_by_email(store_t *db, const char *email, int64_t *id, struct err *e)
{
	int rc = store_query_int(db, id, e,
				 "SELECT id FROM net_member WHERE email = ? AND status <> 'erased'",
				 "t", email);
	if (rc < 0)
		return rc;
	if (!*id)
		return err_set(e, ERR_NOTFOUND, "no member with email %s (see 'parity member list')",
			       email);
	return 0;
}

int net_consent_held(store_t *db, int64_t member_id, const char *purpose, struct err *e)
{
	int64_t n = 0;
	int rc = store_query_int(db, &n, e,
				 "SELECT COUNT(*) FROM net_consent WHERE member_id = ? AND purpose = ? "
				 "AND withdrawn_at IS NULL",
				 "it", member_id, purpose);
	return rc < 0 ? rc : n > 0;
}

int net_region_id(store_t *db, const char *name, int make, int64_t *id, struct err *e)
{
	store_stmt_t *st;
	struct buf all = BUF_INIT;
	int rc, n = 0;
	rc = store_query_int(db, id, e, "SELECT id FROM net_region WHERE name = ?", "t", name);
	if (rc < 0 || *id)
		return rc;
	if (make) {
		rc = store_exec(db, e, "INSERT INTO net_region (name) VALUES (?)", "t", name);
		if (rc < 0)
			return rc;
		*id = store_last_id(db);
		return 0;
	}
	rc = store_prepare(db, &st, e, "SELECT name FROM net_region ORDER BY name", "");
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == 1) {
		buf_puts(&all, n++ ? ", " : "");
		buf_puts(&all, store_col_text(st, 0));
	}
	store_done(st);
	if (rc < 0) {
		buf_free(&all);
		return rc;
	}
	err_set(e, ERR_NOTFOUND, "no region called '%s'; the regions are %s", name,
		n ? buf_str(&all) : "none yet (adding a member with --region makes one)");
	buf_free(&all);
	return ERR_NOTFOUND;
}

int network_jobs(store_t *db, time_t now, struct err *e)
{
	int rc = meet_jobs(db, now, e);
	if (rc >= 0)
		rc = list_jobs(db, now, e);
	if (rc >= 0)
		rc = member_join_expire(db, now, e);
	if (rc >= 0)
		rc = case_jobs(db, now, e);
	return rc < 0 ? rc : 0;
}

int net_rate_hit(store_t *db, const char *bucket, const char *address, int max, int window,
		 time_t now, struct err *e)
{
	int64_t n = 0;
	int rc = store_exec(db, e, "DELETE FROM net_rate WHERE at < ?", "i", (int64_t)now - 3600);
	if (rc < 0)
		return rc;
	rc = store_query_int(db, &n, e,
			     "SELECT COUNT(*) FROM net_rate WHERE bucket = ? AND address = ? AND at > ?",
			     "tti", bucket, address, (int64_t)(now - window));
	if (rc < 0)
		return rc;
	if (n >= max)
		return 0;
	rc = store_exec(db, e, "INSERT INTO net_rate (bucket, address, at) VALUES (?, ?, ?)", "tti",
			bucket, address, (int64_t)now);
	return rc < 0 ? rc : 1;
}

int net_member_char_set(store_t *db, int64_t member_id, const char *characteristic,
			const char *value, struct err *e)
{
	const char *const *groups, *group = NULL, *column;
	size_t n, n_rec;
	char now[21];
	int rc;
	if ((rc = monitor_groups_of(characteristic, &groups, &n, &n_rec, &column, e)) < 0)
		return rc;
	if (!value || str_blank(value))
		return store_exec(db, e,
				  "DELETE FROM net_member_char WHERE member_id = ? AND characteristic = ?",
				  "it", member_id, column);
	if ((rc = monitor_group_of(column, value, &group, e)) < 0)
		return rc;
	date_now_iso(now);
	return store_exec(db, e,
			  "INSERT INTO net_member_char (member_id, characteristic, value, grp,"
			  " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, characteristic)"
			  " DO UPDATE SET value = excluded.value, grp = excluded.grp,"
			  " updated_at = excluded.updated_at",
			  "itttt", member_id, column, value, group, now);
}

int net_member_group(store_t *db, int64_t member_id, const char *characteristic, char *group,
		     size_t n, struct err *e)
{
	const char *const *groups, *column;
	size_t ng, n_rec;
	store_stmt_t *st;
	int rc;
	snprintf(group, n, "Missing");
	if ((rc = monitor_groups_of(characteristic, &groups, &ng, &n_rec, &column, e)) < 0)
		return rc;
	if (store_prepare(db, &st, e,
			  "SELECT grp FROM net_member_char WHERE member_id = ? AND characteristic = ?",
			  "it", member_id, column) < 0)
		return ERR_DB;
	if ((rc = store_step(st, e)) == 1)
		snprintf(group, n, "%s", store_col_text(st, 0));
	store_done(st);
	return rc < 0 ? rc : 0;
}

int net_member_chars_json(store_t *db, int64_t member_id, json_t **out, struct err *e)
{
	store_stmt_t *st;
	int rc;
	*out = json_object();
	if (store_prepare(db, &st, e,
			  "SELECT characteristic, value FROM net_member_char WHERE member_id = ?"
			  " ORDER BY characteristic",
			  "i", member_id) < 0)
		return ERR_DB;
	while ((rc = store_step(st, e)) == 1)
		json_object_set_new(*out, store_col_text(st, 0), json_string(store_col_text(st, 1)));
	store_done(st);
	return rc < 0 ? rc : 0;
}

int net_cli_open(struct cli_ctx *ctx, store_t **db, struct err *e)
{
	return store_open(store_default_path(ctx->db_path), db, e);
}

time_t net_now(void)
{
	return mail_now(); /* one clock for tests (PARITY_NOW) */
}
