/*
 * test_web_caps: capabilities and roles (src/web/web.h, issue 13) — the
 * names, the roles as bundles (each exactly what the old ladder allowed,
 * casework in none), an account's effective capabilities, web_can on
 * routes' needs, and the rules for lead initials. The HTTP tests
 * (tests/http/caps.sh) walk every route for every capability on the real
 * server; these pin the tables underneath.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "core/buf.h"
#include "web/web.h"

static const struct {
	const char *name;
	unsigned cap;
} names[] = {
	{"read-plan", CAP_READ_PLAN},
	{"update-own-actions", CAP_UPDATE_OWN_ACTIONS},
	{"update-any-action", CAP_UPDATE_ANY_ACTION},
	{"import-data", CAP_IMPORT_DATA},
	{"handle-flags", CAP_HANDLE_FLAGS},
	{"manage-users", CAP_MANAGE_USERS},
	{"read-audit", CAP_READ_AUDIT},
	{"casework", CAP_CASEWORK},
	{"mailing", CAP_MAILING},
	{"publish", CAP_PUBLISH},
	{"members", CAP_MEMBERS},
	{"adjustments", CAP_ADJUSTMENTS},
};

Test(caps, names_round_trip)
{
	size_t i;
	cr_assert_eq(sizeof names / sizeof names[0], WEB_N_CAPS);
	for (i = 0; i < WEB_N_CAPS; i++) {
		unsigned c = 0;
		struct err e = {0};
		cr_expect_str_eq(web_cap_name(names[i].cap), names[i].name);
		cr_expect_eq(web_cap_parse(names[i].name, &c, &e), 0, "%s", names[i].name);
		cr_expect_eq(c, names[i].cap, "%s", names[i].name);
		cr_expect_gt(strlen(web_cap_about(names[i].cap)), 10, "%s has no description",
			     names[i].name);
	}
	cr_expect_null(web_cap_name(CAP_SIGNED_IN));
	cr_expect_null(web_cap_name(0));
}

Test(caps, unknown_name_lists_the_valid_ones)
{
	unsigned c = 0;
	struct err e = {0};
	const char *bad[] = {"boss", "", "READ-PLAN", "read_plan", "read-plan ", "admin"};
	size_t i;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		cr_expect_eq(web_cap_parse(bad[i], &c, &e), ERR_USAGE, "'%s'", bad[i]);
		cr_expect(strstr(e.msg, "the capabilities are read-plan, update-own-actions, "
					"update-any-action, import-data, handle-flags, manage-users, "
					"read-audit, casework, mailing, publish"),
			  "%s", e.msg);
	}
}

/* The bundles give each role exactly what the ladder gave it, so that
 * migration 008 keeps every account's rights; since issue 16 monitors and
 * admins may also publish (bundles are code: no migration). */
Test(caps, roles_are_the_old_ladder)
{
	unsigned v = CAP_READ_PLAN, l = v | CAP_UPDATE_OWN_ACTIONS,
		 m = l | CAP_UPDATE_ANY_ACTION | CAP_IMPORT_DATA | CAP_HANDLE_FLAGS | CAP_PUBLISH,
		 a = m | CAP_MANAGE_USERS | CAP_READ_AUDIT;
	cr_expect_eq(web_role_caps(ROLE_VIEWER), v);
	cr_expect_eq(web_role_caps(ROLE_LEAD), l);
	cr_expect_eq(web_role_caps(ROLE_MONITOR), m);
	cr_expect_eq(web_role_caps(ROLE_ADMIN), a);
	cr_expect_eq(web_role_caps(0), 0);
	cr_expect_eq(web_role_caps(5), 0);
	cr_expect_eq(web_role_parse("admin"), ROLE_ADMIN);
	cr_expect_eq(web_role_parse("public"), -1);
	cr_expect_eq(web_role_parse(NULL), -1);
}

Test(caps, reserved_ones_are_in_no_role)
{
	int r;
	for (r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		cr_expect_eq(web_role_caps(r) & (CAP_CASEWORK | CAP_MAILING | CAP_MEMBERS | CAP_ADJUSTMENTS), 0,
			     "%s", web_role_name(r));
	cr_expect(!web_cap_reserved(CAP_CASEWORK)); /* its pages since issue 18 */
	cr_expect(!web_cap_reserved(CAP_MAILING));
	cr_expect(!web_cap_reserved(CAP_MEMBERS));
	cr_expect(!web_cap_reserved(CAP_ADJUSTMENTS)); /* its pages since issue 19 */
	/* publish has its pages since issue 16 */
	cr_expect(!web_cap_reserved(CAP_PUBLISH));
	cr_expect(!web_cap_reserved(CAP_READ_AUDIT));
}

Test(caps, effective_is_role_plus_grants_minus_revokes)
{
	cr_expect_eq(web_caps_effective(ROLE_VIEWER, CAP_IMPORT_DATA, 0),
		     CAP_READ_PLAN | CAP_IMPORT_DATA);
	cr_expect_eq(web_caps_effective(ROLE_VIEWER, CAP_IMPORT_DATA, CAP_READ_PLAN),
		     CAP_IMPORT_DATA);
	cr_expect_eq(web_caps_effective(ROLE_ADMIN, CAP_CASEWORK, CAP_MANAGE_USERS),
		     web_role_caps(ROLE_ADMIN) - CAP_MANAGE_USERS + CAP_CASEWORK);
	/* a revoke wins over a grant of the same */
	cr_expect_eq(web_caps_effective(ROLE_VIEWER, CAP_READ_AUDIT, CAP_READ_AUDIT), CAP_READ_PLAN);
	/* bits that are not capabilities never count */
	cr_expect_eq(web_caps_effective(ROLE_VIEWER, CAP_SIGNED_IN, 0), CAP_READ_PLAN);
	cr_expect_eq(web_caps_effective(-1, 0, 0), 0);
}

Test(caps, caps_text)
{
	struct buf b = BUF_INIT;
	web_caps_text(&b, CAP_READ_PLAN | CAP_READ_AUDIT, ", ");
	cr_expect_str_eq(buf_str(&b), "read-plan, read-audit");
	buf_reset(&b);
	web_caps_text(&b, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION, "|");
	cr_expect_str_eq(buf_str(&b), "update-own-actions|update-any-action");
	buf_reset(&b);
	web_caps_text(&b, 0, ", ");
	cr_expect_str_eq(buf_str(&b), "none");
	buf_reset(&b);
	web_caps_text(&b, CAP_SIGNED_IN, ", ");
	cr_expect_str_eq(buf_str(&b), "signed-in");
	buf_free(&b);
}

Test(caps, web_can_by_route_need)
{
	struct web_user u;
	struct web_req rq;
	memset(&u, 0, sizeof u);
	memset(&rq, 0, sizeof rq);
	cr_expect(web_can(&rq, CAP_PUBLIC), "signed out: public pages");
	cr_expect(!web_can(&rq, CAP_SIGNED_IN), "signed out: not a signed-in page");
	cr_expect(!web_can(&rq, CAP_READ_PLAN), "signed out: no capability");
	rq.user = &u; /* signed in with no capability */
	cr_expect(web_can(&rq, CAP_PUBLIC));
	cr_expect(web_can(&rq, CAP_SIGNED_IN));
	cr_expect(!web_can(&rq, CAP_READ_PLAN));
	u.caps = CAP_UPDATE_ANY_ACTION;
	cr_expect(web_can(&rq, CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION), "any one opens it");
	cr_expect(!web_can(&rq, CAP_UPDATE_OWN_ACTIONS));
	u.caps = web_role_caps(ROLE_ADMIN);
	cr_expect(!web_can(&rq, CAP_CASEWORK), "an admin does not read casework");
}

/* Issue 13, finding 12: lead initials went into audit JSON unescaped and
 * were cut to 15 characters; now letters only, 1 to 8 each. */
Test(caps, initials_rules)
{
	static const char *const good[] = {"", "J", "JS", "js", "ABCDEFGH", "JS,HR", "JS/HR",
					   "JS, HR", "PG KJ"};
	static const char *const bad[] = {"J\"S", "x\",\"role\":\"admin", "ABCDEFGHI", "J5",
					  "J-S", "J.S.", ",", " ", "JS;HR", "Jé",
					  "AB,CD,EF,GH,IJ,KL,MN,OP,QR,ST,UV,WX,YZ,AB,CD,EF,GH,IJ,KL,MN,OP,QR"};
	size_t i;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct err e = {0};
		cr_expect_eq(web_initials_ok(good[i], &e), 0, "'%s': %s", good[i], e.msg);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct err e = {0};
		cr_expect_eq(web_initials_ok(bad[i], &e), ERR_DATA, "'%s' accepted", bad[i]);
		cr_expect_gt(strlen(e.msg), 0);
	}
	cr_expect_eq(web_initials_ok(NULL, &(struct err){0}), 0);
	/* the longest acceptable fits the account's field whole */
	cr_expect_gt(sizeof ((struct web_user *)0)->lead_initials, WEB_INITIALS_MAX);
}

/* Issue 15 review: the web shows capabilities and roles in words, never
 * the command line's names. Each capability has a label of its own,
 * starting with a capital, that is not its name; web_caps_words joins
 * labels as a sentence; roles have one capitalised form. */
Test(caps, labels_for_people)
{
	struct buf b = BUF_INIT;
	unsigned c, seen = 0;
	for (c = 1; c & WEB_ALL_CAPS; c <<= 1) {
		const char *l = web_cap_label(c);
		unsigned d;
		cr_expect(l[0] >= 'A' && l[0] <= 'Z', "%s: label '%s'", web_cap_name(c), l);
		cr_expect(!strchr(l, '-') && strcmp(l, web_cap_name(c)), "%s: label '%s'",
			  web_cap_name(c), l);
		for (d = 1; d < c; d <<= 1)
			cr_expect(strcmp(l, web_cap_label(d)), "two capabilities labelled '%s'", l);
		seen |= c;
	}
	cr_expect_eq(seen, WEB_ALL_CAPS);
	cr_expect_str_eq(web_cap_label(CAP_MANAGE_USERS), "Manage user accounts");
	cr_expect_str_eq(web_cap_label(CAP_SIGNED_IN), "");
	web_caps_words(&b, CAP_READ_PLAN | CAP_IMPORT_DATA);
	cr_expect_str_eq(buf_str(&b), "Read the plan and monitoring reports and import monitoring data");
	buf_reset(&b);
	web_caps_words(&b, CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS | CAP_READ_AUDIT);
	cr_expect_str_eq(buf_str(&b), "Read the plan and monitoring reports, update actions they "
				      "lead and read the audit log");
	buf_reset(&b);
	web_caps_words(&b, CAP_MANAGE_USERS);
	cr_expect_str_eq(buf_str(&b), "Manage user accounts");
	buf_reset(&b);
	web_caps_words(&b, 0);
	cr_expect_str_eq(buf_str(&b), "Nothing");
	buf_free(&b);
	cr_expect_str_eq(web_role_label(ROLE_VIEWER), "Viewer");
	cr_expect_str_eq(web_role_label(ROLE_ADMIN), "Admin");
	cr_expect_str_eq(web_role_label(0), "Unknown");
}
