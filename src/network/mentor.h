/*
 * network/mentor.h: what the mentoring part's files (network/mentor*.c)
 * share: the areas, profiles, the scoring and allocation of matches
 * (mentor.c), pairings, their meetings and mentees' outcomes
 * (mentor_pair.c). The commands are in mentor_cmd.c, the pages and the
 * room in mentor_web.c. docs/network.md, "Mentoring", says the rules.
 */
#ifndef PARITY_NETWORK_MENTOR_H
#define PARITY_NETWORK_MENTOR_H

#include <stdint.h>

#include "core/buf.h"
#include "core/dates.h"
#include "network/internal.h"

#define SEC_MENTORING "mentoring"

/* --- areas: a fixed list, each a bit of a mask --- */

#define MENTOR_N_AREAS 8
struct mentor_area {
	const char *key;   /* "assessment-centre" */
	const char *words; /* "Assessment centres" */
};
extern const struct mentor_area mentor_areas[MENTOR_N_AREAS];
/* "promotion,interview-skills" (commas, spaces ignored) into *mask: at
 * least one area, each a key of mentor_areas; ERR_USAGE naming a wrong
 * one and listing the keys. */
int mentor_areas_parse(const char *s, unsigned *mask, struct err *e);
/* The areas of mask appended to b: keys joined by ',' (words 0) or their
 * words in lowercase joined by ", " (words 1). */
void mentor_areas_text(unsigned mask, int words, struct buf *b);
/* The number of areas in mask. */
int mentor_areas_count(unsigned mask);

/* --- profiles (mentor.c) --- */

#define MENTOR_DEFAULT_CAPACITY 2
#define MENTOR_MAX_CAPACITY 10

/* A profile as given. line_manager NULL or "": none. */
struct mentor_profile_new {
	const char *email;	  /* the member's */
	const char *role;	  /* "mentor" or "mentee" */
	unsigned areas;		  /* offered (mentor) or sought (mentee); not 0 */
	int remote;		  /* 1: willing to meet remotely */
	int capacity;		  /* a mentor's mentees at once (1 to 10); ignored for a mentee */
	const char *line_manager; /* an email or NULL */
};
/* Record (or replace) the member's profile in role, by who. ERR_NOTFOUND
 * for an unknown member; ERR_DATA when the member is not active, does not
 * hold mentoring consent (saying how to record it), or the line manager
 * is not an email address or the member themself. *created is 1 for a
 * new profile, 0 for a replaced one; *field (may be NULL) names the field
 * an ERR_DATA is about ("email", "line-manager"). In the caller's
 * transaction. */
int mentor_profile_set(store_t *db, const struct mentor_profile_new *p, const char *who,
		       int *created, const char **field, struct err *e);
/* Withdraw the member's profile in role (delete it; pairings stay).
 * ERR_DATA when there is none. */
int mentor_profile_withdraw(store_t *db, int64_t member_id, const char *role, struct err *e);

/* --- matching (mentor.c) --- */

/* One mentor or mentee in the pool (an active member with a profile). */
struct mentor_person {
	int64_t member_id;
	char email[256], name[128], region[128];
	char line_manager[256]; /* lowercase email, "" for none */
	unsigned areas;
	int remote;
	int capacity, load; /* a mentor's capacity and agreed pairings now */
	int consent;	    /* 1: mentoring consent held (else never suggested) */
	int64_t pair_id;    /* a mentee's agreed pairing, 0 for none */
};

/* Points of the score (docs/network.md, "How matches are scored"). */
#define MENTOR_PTS_AREA 10	 /* each area in common */
#define MENTOR_PTS_REGION 4	 /* the same region */
#define MENTOR_PTS_REMOTE 2	 /* different regions, both willing to meet remotely */
#define MENTOR_PTS_UNLOADED 2	 /* the mentor has no mentees now */
#define MENTOR_PTS_ROOM 1	 /* the mentor has mentees and room for more */

/* One mentee and one mentor scored. */
struct mentor_match {
	int excluded;	 /* 1: must not be suggested (why says why) */
	int score;	 /* the total when not excluded */
	char why[640];	 /* the score (or the exclusion) in words */
};
/* Score mentee against mentor (pure): the exclusions, then the points
 * for areas, place and load, each explained. paired is 1 when the two
 * have an agreed pairing now. */
void mentor_score(const struct mentor_person *mentee, const struct mentor_person *mentor,
		  int paired, struct mentor_match *out);

/* Every mentee and mentor, their matches and a proposed allocation. */
struct mentor_pool {
	struct mentor_person *mentees, *mentors;
	size_t n_mentees, n_mentors;
	struct mentor_match *m; /* m[i * n_mentors + j]: mentee i, mentor j */
	int *alloc;		/* per mentee: the proposed mentor's index, or -1 */
	int total;		/* the allocation's total score */
};
/* Load the pool (active members with a profile; those without consent
 * are loaded with consent 0 and excluded from every match), score every
 * pair and allocate (mentor_allocate). Free with mentor_pool_free. */
int mentor_pool_load(store_t *db, struct mentor_pool *p, struct err *e);
/* The allocation maximising the total score of the pairs made, each
 * mentee without a mentor given at most one mentor, each mentor at most
 * the places they have free, only pairs not excluded: an assignment
 * problem solved as a 0-1 integer program with GLPK. Fills p->alloc and
 * p->total. ERR_INTERNAL when GLPK fails. */
int mentor_allocate(struct mentor_pool *p, struct err *e);
void mentor_pool_free(struct mentor_pool *p);
/* The index of member_id among the pool's mentees (or mentors), -1 when
 * not there. */
int mentor_pool_find(const struct mentor_person *a, size_t n, int64_t member_id);

/* --- pairings, meetings, outcomes (mentor_pair.c) --- */

#define MENTOR_TEXT_MAX 2000 /* a note's or feedback's bytes at most */

/* Confirm mentee and mentor as a pairing (status agreed, today) by who,
 * checked inside the caller's transaction against the pool as it is now:
 * ERR_DATA saying why when the mentee has no mentee profile or the mentor
 * no mentor profile, either lacks consent, the mentee has a mentor
 * already, or the match is excluded (the reason in words). *pair_id the
 * new pairing, *score its score. */
int mentor_pair_add(store_t *db, int64_t mentee_id, int64_t mentor_id, const char *who,
		    int64_t *pair_id, int *score, struct err *e);

/* A pairing as the pages and commands show it. */
struct mentor_pair_row {
	int64_t id;
	char mentee_email[256], mentee_name[128], mentor_email[256], mentor_name[128];
	char status[8], agreed_on[11], agreed_by[96], ended_on[11];
	char feedback[MENTOR_TEXT_MAX + 1];
	int score, rating; /* rating 0: none */
	int64_t n_meetings;
	char last_meeting[11]; /* "" for none */
};
/* The pairing id into r: ERR_NOTFOUND "no mentoring pairing number N". */
int mentor_pair_load(store_t *db, int64_t id, struct mentor_pair_row *r, struct err *e);
/* The pairings' ids (agreed first, then ended, newest first) into *ids
 * (allocated; free it), their number into *n. */
int mentor_pair_ids(store_t *db, int64_t **ids, size_t *n, struct err *e);
/* Log a meeting of an agreed pairing on date (not in the future) with an
 * optional note. ERR_DATA for an ended pairing or a note too long. */
int mentor_meeting_add(store_t *db, int64_t pair_id, struct date date, const char *note,
		       const char *who, struct err *e);
/* End an agreed pairing today with optional feedback and rating (1 to 5,
 * 0 none). ERR_DATA when it has ended already. */
int mentor_pair_end(store_t *db, int64_t pair_id, const char *feedback, int rating,
		    struct err *e);

/* Record a mentee's outcome in period (a year, "2026"): applied and
 * promoted 1 yes, 0 no, -1 leave as it is (unknown when new). ERR_DATA
 * when the member has never been a mentee (no mentee profile nor
 * pairing). */
int mentor_outcome_set(store_t *db, int64_t member_id, const char *period, int applied,
		       int promoted, const char *who, struct err *e);
/* The outcomes of period as a monitoring count table (unit All, period,
 * characteristic, group, outcome applied / promoted, numerator: yes,
 * denominator: mentees whose answer is recorded, direction favourable),
 * the group of each mentee from net_member_group, appended to csv;
 * *n_mentees the mentees counted. ERR_DATA when no outcome of period is
 * recorded. */
int mentor_outcomes_csv(store_t *db, const char *period, const char *characteristic,
			struct buf *csv, int *n_mentees, struct err *e);
/* 0 for a year of four digits (1900 to 2999); ERR_USAGE naming --period. */
int mentor_period_ok(const char *s, struct err *e);

extern const struct cli_command mentor_commands[];

#endif
