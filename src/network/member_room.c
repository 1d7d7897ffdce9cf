/*
 * network/member_room.c: the members room — the staff network's members
 * and their consent: the commands (member_cmd.c), the staff pages
 * (member_web.c) and the public joining page (member_join.c), with the
 * navigation entry and the audit log's words for what they record.
 */
#include "network/member.h"

static const struct web_route member_pages[] = {
	{"GET", "/network/members", CAP_MEMBERS, member_list_page},
	{"GET", "/network/members/new", CAP_MEMBERS, member_new_page},
	{"POST", "/network/members/new", CAP_MEMBERS, member_new_post},
	{"GET", "/network/members/import", CAP_MEMBERS, member_import_page},
	{"POST", "/network/members/import", CAP_MEMBERS, member_import_post},
	{"GET", "/network/members/*", CAP_MEMBERS, member_one_page},
	{"POST", "/network/members/*", CAP_MEMBERS, member_one_post},
	{"GET", "/public/network", CAP_PUBLIC, member_public_page},
	{"POST", "/public/network", CAP_PUBLIC, member_join_post},
	{"GET", "/public/network/sent", CAP_PUBLIC, member_sent_page},
	{"GET", "/network/join/confirm", CAP_PUBLIC, member_confirm_page},
	{"POST", "/network/join/confirm", CAP_PUBLIC, member_confirm_post},
};

static const struct web_nav member_nav[] = {
	{70, SEC_MEMBERS, CAP_MEMBERS, "/network/members", "Members"},
};

static const struct web_audit_word member_audit_words[] = {
	{"member.add", "Added a member of the staff network"},
	{"member.update", "Changed a member's details"},
	{"member.import", "Imported members"},
	{"member.export", "Downloaded a member's data"},
	{"member.erase", "Erased a member"},
	{"member.join", "Someone asked to join the staff network"},
	{"member.confirm", "Someone confirmed joining the staff network"},
	{"consent.give", "Recorded a member's consent"},
	{"consent.withdraw", "Recorded a member withdrawing consent"},
	{"consent.wording", "Saved new consent wording"},
};

const struct room member_room = {
	"members",
	member_commands,
	member_pages,
	sizeof member_pages / sizeof member_pages[0],
	member_nav,
	sizeof member_nav / sizeof member_nav[0],
	member_audit_words,
	sizeof member_audit_words / sizeof member_audit_words[0],
};
