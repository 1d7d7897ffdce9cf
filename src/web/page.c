/*
 * web/page.c: writing pages — the escaping printf every handler uses, the
 * GOV.UK Frontend page frame with the navigation each account's
 * capabilities allow, flash messages, form error summaries, cookies, and
 * the names of capabilities and roles (the bundles of capabilities).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/escape.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "web/internal.h"

/* The capabilities, in the order they are listed everywhere: the name
 * the command line and the database use, the label people read on the
 * web, what it lets you do in a sentence ("You do not have permission
 * to ..."), and what it allows in full. */
static const struct {
	unsigned cap;
	const char *name, *label, *need, *about;
	int reserved; /* for modules still to come: no page needs it yet */
} caps[WEB_N_CAPS] = {
	{CAP_READ_PLAN, "read-plan", "Read the plan and monitoring reports",
	 "read the action plan and the monitoring reports",
	 "Read the action plan, people and glossary, the monitoring data, reports and flags", 0},
	{CAP_UPDATE_OWN_ACTIONS, "update-own-actions", "Update actions they lead",
	 "update the actions you lead",
	 "Update the actions whose Lead names the account's lead initials", 0},
	{CAP_UPDATE_ANY_ACTION, "update-any-action", "Update any action",
	 "update any action in the plan", "Update any action in the plan, and keep the plan", 0},
	{CAP_IMPORT_DATA, "import-data", "Import monitoring data", "import monitoring data",
	 "Import monitoring extracts and the action plan's document", 0},
	{CAP_HANDLE_FLAGS, "handle-flags", "Explain and act on flags",
	 "explain, act on or close flags", "Explain, act on and close flags", 0},
	{CAP_MANAGE_USERS, "manage-users", "Manage user accounts", "manage user accounts",
	 "Add accounts, change their roles and what they may do, reset passwords, disable accounts",
	 0},
	{CAP_READ_AUDIT, "read-audit", "Read the audit log", "read the audit log",
	 "Read the record of every change made in parity: by whom, when and what changed", 0},
	{CAP_CASEWORK, "casework", "Handle casework", "handle casework",
	 "Read and handle the staff network's confidential cases the account is assigned to "
	 "(granted by name, never by a role: an administrator does not read cases)", 0},
	{CAP_MAILING, "mailing", "Manage mailing lists", "manage the mailing lists",
	 "Manage the staff network's mailing lists and their subscribers, send to a list, and "
	 "read the outbox of mail parity sends", 0},
	{CAP_PUBLISH, "publish", "Publish equality tables", "publish equality tables",
	 "Publish a period's equality tables on the public pages, or replace published ones", 0},
	{CAP_MEMBERS, "members", "Manage network members and meetings",
	 "manage the staff network's members and meetings",
	 "Read and change the staff network's members and their consent, answer subject access "
	 "requests and erasures, and run the network's meetings", 0},
	{CAP_ADJUSTMENTS, "adjustments", "Record reasonable adjustments and flexible working",
	 "record reasonable adjustments and flexible working",
	 "Read and record the reasonable adjustments and flexible working arrangements in place "
	 "for each person (often health information: granted by name, never by a role)", 0},
};

static int cap_index(unsigned cap)
{
	int i;
	for (i = 0; i < WEB_N_CAPS; i++)
		if (caps[i].cap == cap)
			return i;
	return -1;
}

const char *web_cap_name(unsigned cap)
{
	int i = cap_index(cap);
	return i < 0 ? NULL : caps[i].name;
}

const char *web_cap_label(unsigned cap)
{
	int i = cap_index(cap);
	return i < 0 ? "" : caps[i].label;
}

const char *web_cap_about(unsigned cap)
{
	int i = cap_index(cap);
	return i < 0 ? "" : caps[i].about;
}

int web_cap_reserved(unsigned cap)
{
	int i = cap_index(cap);
	return i >= 0 && caps[i].reserved;
}

int web_cap_parse(const char *s, unsigned *out, struct err *e)
{
	struct buf all = BUF_INIT;
	int i;
	for (i = 0; s && i < WEB_N_CAPS; i++)
		if (!strcmp(s, caps[i].name)) {
			*out = caps[i].cap;
			return 0;
		}
	web_caps_text(&all, WEB_ALL_CAPS, ", ");
	err_set(e, ERR_USAGE, "unknown capability '%s'; the capabilities are %s", s ? s : "",
		buf_str(&all));
	buf_free(&all);
	return ERR_USAGE;
}

void web_caps_text(struct buf *b, unsigned set, const char *sep)
{
	int i, n = 0;
	if (set == CAP_SIGNED_IN) {
		buf_puts(b, "signed-in");
		return;
	}
	for (i = 0; i < WEB_N_CAPS; i++)
		if (set & caps[i].cap) {
			if (n++)
				buf_puts(b, sep);
			buf_puts(b, caps[i].name);
		}
	if (!n)
		buf_puts(b, "none");
}

void web_caps_words(struct buf *b, unsigned set)
{
	int i, n = 0, k = 0;
	for (i = 0; i < WEB_N_CAPS; i++)
		n += (set & caps[i].cap) != 0;
	for (i = 0; i < WEB_N_CAPS; i++)
		if (set & caps[i].cap) {
			const char *l = caps[i].label;
			if (k)
				buf_puts(b, k == n - 1 ? " and " : ", ");
			buf_putc(b, k ? (char)(l[0] - 'A' + 'a') : l[0]);
			buf_puts(b, l + 1);
			k++;
		}
	if (!n)
		buf_puts(b, "Nothing");
}

static const char *const role_names[] = {"", "viewer", "lead", "monitor", "admin"};
/* Each role's bundle. casework, members, mailing and adjustments are in
 * none: they are granted by name. */
static const unsigned role_bundles[] = {
	0,
	CAP_READ_PLAN,
	CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS,
	CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION | CAP_IMPORT_DATA |
		CAP_HANDLE_FLAGS | CAP_PUBLISH,
	CAP_READ_PLAN | CAP_UPDATE_OWN_ACTIONS | CAP_UPDATE_ANY_ACTION | CAP_IMPORT_DATA |
		CAP_HANDLE_FLAGS | CAP_PUBLISH | CAP_MANAGE_USERS | CAP_READ_AUDIT,
};

const char *web_role_name(int role)
{
	return role >= ROLE_VIEWER && role <= ROLE_ADMIN ? role_names[role] : "unknown";
}

const char *web_role_label(int role)
{
	static const char *const labels[] = {"", "Viewer", "Lead", "Monitor", "Admin"};
	return role >= ROLE_VIEWER && role <= ROLE_ADMIN ? labels[role] : "Unknown";
}

int web_role_parse(const char *s)
{
	int i;
	for (i = ROLE_VIEWER; s && i <= ROLE_ADMIN; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

unsigned web_role_caps(int role)
{
	return role >= ROLE_VIEWER && role <= ROLE_ADMIN ? role_bundles[role] : 0;
}

unsigned web_caps_effective(int role, unsigned grants, unsigned revokes)
{
	return ((web_role_caps(role) | grants) & ~revokes) & WEB_ALL_CAPS;
}

int web_initials_include(const char *list, const char *initials)
{
	size_t n = strlen(initials);
	const char *p = list;
	while (*p) {
		size_t k = 0;
		while (p[k] && (isalnum((unsigned char)p[k]) || p[k] == '-' || p[k] == '.'))
			k++;
		if (k == n && n && !strncasecmp(p, initials, n))
			return 1;
		p += k ? k : 1;
	}
	return 0;
}

int web_initials_ok(const char *s, struct err *e)
{
	size_t i, run = 0, sets = 0;
	if (!s)
		return 0;
	if (strlen(s) > WEB_INITIALS_MAX)
		return err_set(e, ERR_DATA, "the lead initials are too long: at most %d characters",
			       WEB_INITIALS_MAX);
	for (i = 0;; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
			if (++run > 8)
				return err_set(e, ERR_DATA,
					       "lead initials are 1 to 8 letters each; '%s' has more "
					       "than 8 together",
					       s);
			continue;
		}
		sets += run > 0;
		run = 0;
		if (!ch)
			break;
		if (ch != ',' && ch != '/' && ch != ' ')
			return err_set(e, ERR_DATA,
				       "lead initials are letters only (A to Z), several separated by "
				       "commas, for example JS or JS,HR; '%s' has other characters",
				       s);
	}
	if (*s && !sets)
		return err_set(e, ERR_DATA, "the lead initials '%s' have no letters", s);
	return 0;
}

int web_can(const struct web_req *rq, unsigned need)
{
	need &= ~(unsigned)CAP_ONE_CLICK; /* how the body is taken, not who may send it */
	if (need == CAP_PUBLIC)
		return 1;
	if (!rq->user)
		return 0;
	return need == CAP_SIGNED_IN || (rq->user->caps & need) != 0;
}

void web_forbidden(struct web_req *rq, struct web_resp *rs, unsigned need)
{
	struct buf what = BUF_INIT;
	int i, n = 0;
	buf_reset(&rs->body);
	rs->status = 403;
	rs->content_type = NULL;
	rs->location[0] = '\0';
	rs->disposition[0] = '\0';
	for (i = 0; i < WEB_N_CAPS; i++)
		if (need & caps[i].cap)
			buf_printf(&what, "%s%s", n++ ? " or " : "", caps[i].need);
	web_page_begin(rq, rs, "You do not have access to this page", SEC_NONE);
	web_raw(rs, "<h1 class=\"govuk-heading-l\">You do not have access to this page</h1>\n");
	if (n)
		web_printf(rs, "<p class=\"govuk-body\">You do not have permission to %s.</p>\n",
			   buf_str(&what));
	web_printf(rs,
		   "<p class=\"govuk-body\">Ask an administrator if you need it.</p>\n"
		   "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">%s</a></p>\n",
		   web_can(rq, CAP_READ_PLAN) ? "Go to the dashboard"
		   : rq->user		      ? "Go to the home page"
					      : "Go to the public pages");
	web_page_end(rq, rs);
	buf_free(&what);
}

/* The spec passed to buf_printf below is built from the caller's literal
 * format (checked by the compiler at the web_printf call) and only ever
 * holds flags, width, precision, a length and one conversion. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* One conversion of fmt: copy the spec into spec[] and format the value
 * pulled from ap; %s is HTML-escaped, everything else as printf. */
static const char *one_conv(struct buf *b, const char *p, va_list *ap)
{
	char spec[32];
	size_t n = 0;
	int lmod = 0; /* 0 none, 1 l, 2 ll, 3 z, 4 j, 5 h/hh, 6 L */
	spec[n++] = '%';
	while (*p && strchr("-+ #0", *p) && n < 20)
		spec[n++] = *p++;
	while (*p && strchr("0123456789.", *p) && n < 20)
		spec[n++] = *p++;
	while (*p && strchr("hlzjtL", *p) && n < 24) {
		if (*p == 'l')
			lmod = lmod == 1 ? 2 : 1;
		else if (*p == 'z' || *p == 't')
			lmod = 3;
		else if (*p == 'j')
			lmod = 4;
		else if (*p == 'h')
			lmod = 5;
		else
			lmod = 6;
		spec[n++] = *p++;
	}
	if (!*p)
		return p;
	spec[n++] = *p;
	spec[n] = '\0';
	switch (*p) {
	case 's':
		esc_html(b, va_arg(*ap, const char *));
		break;
	case 'c': {
		char ch[2] = {(char)va_arg(*ap, int), '\0'};
		esc_html(b, ch);
		break;
	}
	case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
		if (lmod == 1)
			buf_printf(b, spec, va_arg(*ap, long));
		else if (lmod == 2)
			buf_printf(b, spec, va_arg(*ap, long long));
		else if (lmod == 3)
			buf_printf(b, spec, va_arg(*ap, size_t));
		else if (lmod == 4)
			buf_printf(b, spec, va_arg(*ap, intmax_t));
		else
			buf_printf(b, spec, va_arg(*ap, int));
		break;
	case 'f': case 'F': case 'g': case 'G': case 'e': case 'E':
		if (lmod == 6)
			buf_printf(b, spec, va_arg(*ap, long double));
		else
			buf_printf(b, spec, va_arg(*ap, double));
		break;
	case '%':
		buf_putc(b, '%');
		break;
	default:
		break; /* unsupported conversions write nothing */
	}
	return p + 1;
}
#pragma GCC diagnostic pop

void web_printf(struct web_resp *rs, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *q;
	va_start(ap, fmt);
	while (*p) {
		q = strchr(p, '%');
		if (!q) {
			buf_puts(&rs->body, p);
			break;
		}
		buf_append(&rs->body, p, (size_t)(q - p));
		p = one_conv(&rs->body, q + 1, &ap);
	}
	va_end(ap);
}

void web_raw(struct web_resp *rs, const char *html)
{
	buf_puts(&rs->body, html);
}

void web_file_name(const char *sent, const char *fallback, char out[WEB_FILE_NAME_MAX])
{
	const char *p = sent, *q;
	size_t i;
	int n, cut = 0;
	for (q = sent; *q; q++)
		if (*q == '/' || *q == '\\')
			p = q + 1;
	if (!*p)
		p = fallback;
	n = str_utf8_prefix(p, 120, &cut); /* at most 480 bytes */
	memcpy(out, p, (size_t)n);
	out[n] = '\0';
	for (i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 32 || out[i] == 127)
			out[i] = '_';
}

void web_urlenc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    strchr("-_.~/", ch))
			buf_putc(b, (char)ch);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[ch >> 4]);
			buf_putc(b, hex[ch & 15]);
		}
	}
}

void web_csrf_field(struct web_req *rq, struct web_resp *rs)
{
	web_printf(rs, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", rq->csrf);
}

void web_set_cookie(struct web_req *rq, const char *name, const char *value, int max_age)
{
	struct web_ctx *x = rq->priv;
	char attrs[128];
	if (x->n_cookies >= 3)
		return;
	snprintf(attrs, sizeof attrs, "; Path=/; HttpOnly; SameSite=Strict%s",
		 x->cfg && x->cfg->secure_cookies ? "; Secure" : "");
	if (max_age < 0)
		snprintf(x->cookies[x->n_cookies++], sizeof x->cookies[0], "%s=; Max-Age=0%s", name,
			 attrs);
	else if (max_age > 0)
		snprintf(x->cookies[x->n_cookies++], sizeof x->cookies[0], "%s=%s; Max-Age=%d%s", name,
			 value, max_age, attrs);
	else
		snprintf(x->cookies[x->n_cookies++], sizeof x->cookies[0], "%s=%s%s", name, value,
			 attrs);
}

void web_flash(struct web_req *rq, const char *msg)
{
	struct web_ctx *x = rq->priv;
	struct err e = {0};
	if (!x->token_hash[0])
		return;
	store_exec(rq->db, &e, "UPDATE web_session SET flash = ? WHERE token_hash = ?", "tt", msg,
		   x->token_hash);
}

/* Take the session's flash message (shown once). */
static char *flash_take(struct web_req *rq)
{
	struct web_ctx *x = rq->priv;
	store_stmt_t *st;
	struct err e = {0};
	char *msg = NULL;
	if (!x->token_hash[0])
		return NULL;
	if (store_prepare(rq->db, &st, &e,
			  "SELECT flash FROM web_session WHERE token_hash = ? AND flash IS NOT NULL",
			  "t", x->token_hash) < 0)
		return NULL;
	if (store_step(st, &e) == 1)
		msg = xstrdup(store_col_text(st, 0));
	store_done(st);
	if (msg)
		store_exec(rq->db, &e, "UPDATE web_session SET flash = NULL WHERE token_hash = ?", "t",
			   x->token_hash);
	return msg;
}

static const struct web_nav web_nav_entries[] = {
	{80, SEC_ADMIN, CAP_MANAGE_USERS, "/admin/users", "Users"},
	{90, SEC_AUDIT, CAP_READ_AUDIT, "/admin/audit", "Audit log"},
};

static const struct web_audit_word web_audit_words[] = {
	{"feed.key", "Made a new calendar feed key (the old one stops working)"},
	{"user.access", "Changed an account's capabilities or lead initials"},
	{"user.add", "Added an account"},
	{"user.contact", "Changed an account's email address or reminders"},
	{"user.disable", "Disabled an account"},
	{"user.enable", "Enabled an account"},
	{"user.passwd", "Changed their own password"},
	{"user.reset", "Gave an account a one-time password"},
	{"user.role", "Changed an account's role"},
	{"user.signin", "Signed in"},
	{"user.signin-failed", "Tried to sign in with a wrong name or password"},
	{"user.signin-refused", "Was refused sign-in after too many tries"},
	{"user.signout", "Signed out"},
};

/* The web room: its commands (users.c), navigation and audit entries; its
 * pages (sign-in, account, users, audit log) web_serve adds itself. */
const struct room web_room = {"web", web_commands, NULL, 0, web_nav_entries,
			      sizeof web_nav_entries / sizeof web_nav_entries[0], web_audit_words,
			      sizeof web_audit_words / sizeof web_audit_words[0]};

void web_page_begin(struct web_req *rq, struct web_resp *rs, const char *title,
		    const char *section)
{
	struct web_ctx *x = rq->priv;
	size_t i;
	char *flash;
	web_printf(rs,
		   "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n<title>%s – parity</title>\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<link rel=\"stylesheet\" href=\"/assets/parity.css\">\n"
		   "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n"
		   "</head>\n<body class=\"govuk-template__body\">\n"
		   "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">"
		   "Skip to main content</a>\n"
		   "<header class=\"govuk-generic-header\">\n"
		   "<div class=\"govuk-generic-header__container govuk-width-container\">\n"
		   "<div class=\"govuk-generic-header__logo\"><a href=\"/\" "
		   "class=\"govuk-generic-header__homepage-link\">parity</a></div>\n</div>\n</header>\n"
		   "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" "
		   "data-module=\"govuk-service-navigation\">\n<div class=\"govuk-width-container\">\n"
		   "<div class=\"govuk-service-navigation__container\">\n"
		   "<span class=\"govuk-service-navigation__service-name\"><a href=\"/\" "
		   "class=\"govuk-service-navigation__link\">Equality scheme</a></span>\n",
		   title);
	web_raw(rs, "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n"
		    "<button type=\"button\" class=\"govuk-service-navigation__toggle "
		    "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden "
		    "aria-hidden=\"true\">Menu</button>\n"
		    "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
	for (i = 0; x && x->cfg && i < x->cfg->n_nav; i++) {
		const struct web_nav *nav = x->cfg->nav;
		int on = section && nav[i].section && !strcmp(nav[i].section, section);
		unsigned cap = nav[i].cap & ~(unsigned)CAP_LEAD_INITIALS;
		if (!web_can(rq, cap) ||
		    ((nav[i].cap & CAP_LEAD_INITIALS) && !(rq->user && rq->user->lead_initials[0])))
			continue;
		web_printf(rs,
			   "<li class=\"govuk-service-navigation__item%s\"><a class=\"govuk-service-navigation__link\" "
			   "href=\"%s\"",
			   on ? " govuk-service-navigation__item--active" : "", nav[i].href);
		web_raw(rs, on ? " aria-current=\"page\">" : ">");
		web_raw(rs, on ? "<strong class=\"govuk-service-navigation__active-fallback\">" : "");
		web_printf(rs, "%s", nav[i].label);
		web_raw(rs, on ? "</strong></a></li>\n" : "</a></li>\n");
	}
	if (!rq->user)
		web_raw(rs, "<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" "
			    "href=\"/login\">Sign in</a></li>\n");
	web_raw(rs, "</ul>\n</nav>\n</div>\n");
	if (rq->user) {
		web_printf(rs,
			   "<div class=\"parity-account-bar\"><p class=\"govuk-body-s parity-account-bar__who\">"
			   "Signed in as <strong>%s</strong> (%s)</p>"
			   "<a class=\"govuk-link govuk-body-s parity-account-bar__link\" "
			   "href=\"/account/password\">Change password</a>"
			   "<form method=\"post\" action=\"/logout\">",
			   rq->user->name, web_role_label(rq->user->role));
		web_csrf_field(rq, rs);
		web_raw(rs, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
			    "parity-account-bar__button\" data-module=\"govuk-button\">Sign out</button>"
			    "</form></div>\n");
	}
	web_raw(rs, "</div>\n</section>\n<div class=\"govuk-width-container\">\n"
		    "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
	flash = x ? flash_take(rq) : NULL;
	if (flash) {
		web_printf(rs,
			   "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
			   "role=\"alert\" aria-labelledby=\"flash-title\" "
			   "data-module=\"govuk-notification-banner\">\n"
			   "<div class=\"govuk-notification-banner__header\"><h2 "
			   "class=\"govuk-notification-banner__title\" id=\"flash-title\">Success</h2></div>\n"
			   "<div class=\"govuk-notification-banner__content\"><p "
			   "class=\"govuk-notification-banner__heading\">%s</p></div>\n</div>\n",
			   flash);
		free(flash);
	}
}

void web_page_end(struct web_req *rq, struct web_resp *rs)
{
	web_raw(rs, "</main>\n</div>\n<footer class=\"govuk-footer\">\n"
		    "<div class=\"govuk-width-container\">\n<div class=\"govuk-footer__meta\">\n"
		    "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
		    "<h2 class=\"govuk-visually-hidden\">Support links</h2>\n"
		    "<ul class=\"govuk-footer__inline-list\">\n"
		    "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
		    "href=\"/public\">About the equality scheme</a></li>\n"
		    "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
		    "href=\"/public/network\">The staff network</a></li>\n"
		    "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" "
		    "href=\"/public/services\">Services and support</a></li>\n"
		    "</ul>\n<p class=\"govuk-body-s\">parity — equality monitoring for public services. "
		    "Styled with GOV.UK Frontend (MIT licence).</p>\n"
		    "</div>\n</div>\n</div>\n</footer>\n"
		    "<script type=\"module\" src=\"/assets/init.js\"></script>\n"
		    "</body>\n</html>\n");
}

void web_error_summary(struct web_resp *rs, const struct web_field_error *errs, int n)
{
	int i;
	if (n <= 0)
		return;
	web_raw(rs, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
		    "<div role=\"alert\">\n<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
		    "<div class=\"govuk-error-summary__body\">\n<ul class=\"govuk-list govuk-error-summary__list\">\n");
	for (i = 0; i < n; i++)
		web_printf(rs, "<li><a href=\"#%s\">%s</a></li>\n", errs[i].field_id, errs[i].message);
	web_raw(rs, "</ul>\n</div>\n</div>\n</div>\n");
}

const char *web_field_error(const struct web_field_error *errs, int n, const char *field_id)
{
	int i;
	for (i = 0; i < n; i++)
		if (!strcmp(errs[i].field_id, field_id))
			return errs[i].message;
	return NULL;
}
