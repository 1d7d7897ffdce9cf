/*
 * test_mentoring: the scoring of a match and the allocation
 * (network/mentor.c) on cases whose best answer is known, without a
 * database: greedy choice per mentee worse than the global allocation,
 * capacities kept, exclusions (line manager either way, same line
 * manager, full, no area in common, consent withdrawn) never allocated,
 * and the areas' parser.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "network/mentor.h"

static struct mentor_person person(int64_t id, const char *email, const char *region,
				   const char *areas, int remote, int capacity, const char *lm)
{
	struct mentor_person p;
	memset(&p, 0, sizeof p);
	p.member_id = id;
	snprintf(p.email, sizeof p.email, "%s", email);
	snprintf(p.name, sizeof p.name, "%s", email);
	snprintf(p.region, sizeof p.region, "%s", region);
	snprintf(p.line_manager, sizeof p.line_manager, "%s", lm ? lm : "");
	cr_assert_eq(mentor_areas_parse(areas, &p.areas, NULL), 0);
	p.remote = remote;
	p.capacity = capacity;
	p.consent = 1;
	return p;
}

/* Score every pair of a pool made of the given people and allocate. */
static void pool_run(struct mentor_pool *p, struct mentor_person *mentees, size_t n_mentees,
		     struct mentor_person *mentors, size_t n_mentors)
{
	struct err e = {0, ""};
	size_t i, j;
	memset(p, 0, sizeof *p);
	p->mentees = calloc(n_mentees + 1, sizeof *p->mentees);
	p->mentors = calloc(n_mentors + 1, sizeof *p->mentors);
	memcpy(p->mentees, mentees, n_mentees * sizeof *mentees);
	memcpy(p->mentors, mentors, n_mentors * sizeof *mentors);
	p->n_mentees = n_mentees;
	p->n_mentors = n_mentors;
	p->m = calloc(n_mentees * n_mentors + 1, sizeof *p->m);
	p->alloc = calloc(n_mentees + 1, sizeof *p->alloc);
	for (i = 0; i < n_mentees; i++)
		for (j = 0; j < n_mentors; j++)
			mentor_score(&mentees[i], &mentors[j], 0, &p->m[i * n_mentors + j]);
	cr_assert_eq(mentor_allocate(p, &e), 0, "%s", e.msg);
}

Test(mentoring, scores_in_words)
{
	struct mentor_person a = person(1, "a@x.org", "London", "promotion,interview-skills", 0, 0, NULL);
	struct mentor_person m = person(2, "m@x.org", "London", "promotion,interview-skills,confidence", 0, 2, NULL);
	struct mentor_match r;
	mentor_score(&a, &m, 0, &r);
	cr_assert_eq(r.excluded, 0);
	cr_assert_eq(r.score, 2 * MENTOR_PTS_AREA + MENTOR_PTS_REGION + MENTOR_PTS_UNLOADED);
	cr_assert(strstr(r.why, "2 areas in common (applying for promotion, interview skills): +20"), "%s", r.why);
	m.load = 1;
	snprintf(m.region, sizeof m.region, "Wales");
	a.remote = m.remote = 1;
	mentor_score(&a, &m, 0, &r);
	cr_assert_eq(r.score, 20 + MENTOR_PTS_REMOTE + MENTOR_PTS_ROOM, "%s", r.why);
	cr_assert(strstr(r.why, "both willing to meet remotely"), "%s", r.why);
	m.load = 2;
	mentor_score(&a, &m, 0, &r);
	cr_assert(r.excluded && strstr(r.why, "full"), "%s", r.why);
	m.load = 0;
	mentor_score(&a, &m, 1, &r);
	cr_assert(r.excluded && strstr(r.why, "already paired"), "%s", r.why);
	m.consent = 0;
	mentor_score(&a, &m, 0, &r);
	cr_assert(r.excluded && strstr(r.why, "withdrawn consent"), "%s", r.why);
}

Test(mentoring, line_managers_excluded)
{
	struct mentor_person a = person(1, "a@x.org", "London", "promotion", 0, 0, "boss@x.org");
	struct mentor_person boss = person(2, "Boss@x.org", "London", "promotion", 0, 2, NULL);
	struct mentor_person peer = person(3, "peer@x.org", "London", "promotion", 0, 2, "boss@x.org");
	struct mentor_person under = person(4, "under@x.org", "London", "promotion", 0, 2, "a@x.org");
	struct mentor_person ok = person(5, "ok@x.org", "Wales", "promotion", 0, 2, "other@x.org");
	struct mentor_person mentors[4] = {boss, peer, under, ok};
	struct mentor_pool p;
	pool_run(&p, &a, 1, mentors, 4);
	cr_assert(p.m[0].excluded && strstr(p.m[0].why, "the mentor is the mentee's line manager"));
	cr_assert(p.m[1].excluded && strstr(p.m[1].why, "the same line manager"));
	cr_assert(p.m[2].excluded && strstr(p.m[2].why, "the mentee is the mentor's line manager"));
	/* the only one allowed, though it scores least without the rule */
	cr_assert_eq(p.alloc[0], 3);
	cr_assert_eq(p.total, MENTOR_PTS_AREA + MENTOR_PTS_UNLOADED);
	mentor_pool_free(&p);
}

Test(mentoring, global_beats_greedy)
{
	/* amy's own best is xia (36), but bo can only have xia: the best
	 * allocation is amy-yan 26 + bo-xia 16 = 42, not 36 + nothing */
	struct mentor_person mentees[2] = {
		person(1, "amy@x.org", "London", "promotion,interview-skills,confidence", 0, 0, NULL),
		person(2, "bo@x.org", "London", "confidence", 0, 0, NULL),
	};
	struct mentor_person mentors[2] = {
		person(3, "xia@x.org", "London", "promotion,interview-skills,confidence", 0, 1, NULL),
		person(4, "yan@x.org", "London", "promotion,interview-skills", 0, 1, NULL),
	};
	struct mentor_pool p;
	pool_run(&p, mentees, 2, mentors, 2);
	cr_assert_eq(p.m[0].score, 36);
	cr_assert_eq(p.m[1].score, 26);
	cr_assert_eq(p.alloc[0], 1);
	cr_assert_eq(p.alloc[1], 0);
	cr_assert_eq(p.total, 42);
	mentor_pool_free(&p);
}

Test(mentoring, capacities_kept)
{
	/* three mentees who all want the one mentor of capacity 2, and a
	 * weaker second mentor: the two best-scoring go to the first */
	struct mentor_person mentees[3] = {
		person(1, "a@x.org", "London", "promotion,confidence", 0, 0, NULL),
		person(2, "b@x.org", "London", "promotion,confidence,networking", 0, 0, NULL),
		person(3, "c@x.org", "London", "promotion", 0, 0, NULL),
	};
	struct mentor_person mentors[2] = {
		person(4, "m@x.org", "London", "promotion,confidence,networking", 0, 2, NULL),
		person(5, "n@x.org", "Wales", "promotion", 0, 5, NULL),
	};
	struct mentor_pool p;
	/* a-m 26, b-m 36, c-m 16; a-n 12, b-n 12, c-n 12: best a-m b-m c-n = 74 */
	pool_run(&p, mentees, 3, mentors, 2);
	cr_assert_eq(p.alloc[0], 0);
	cr_assert_eq(p.alloc[1], 0);
	cr_assert_eq(p.alloc[2], 1);
	cr_assert_eq(p.total, 74);
	mentor_pool_free(&p);
	/* the mentor has one place taken already: one place left */
	mentors[0].load = 1;
	pool_run(&p, mentees, 3, mentors, 2);
	cr_assert_eq(p.alloc[1], 0);
	cr_assert_eq(p.alloc[0], 1);
	cr_assert_eq(p.alloc[2], 1);
	mentor_pool_free(&p);
}

Test(mentoring, areas_parse)
{
	unsigned m = 0;
	struct err e = {0, ""};
	struct buf b = BUF_INIT;
	cr_assert_eq(mentor_areas_parse(" Promotion , assessment-centre,", &m, &e), 0);
	mentor_areas_text(m, 0, &b);
	cr_assert_str_eq(buf_str(&b), "promotion,assessment-centre");
	buf_free(&b);
	cr_assert_eq(mentor_areas_parse("golf", &m, &e), ERR_USAGE);
	cr_assert(strstr(e.msg, "'golf' is not an area"), "%s", e.msg);
	err_clear(&e);
	cr_assert_eq(mentor_areas_parse(" , ", &m, &e), ERR_USAGE);
}
