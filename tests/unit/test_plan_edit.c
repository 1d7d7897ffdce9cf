/*
 * test_plan_edit: keeping the plan by hand (plan/edit.c, plan/people.c) —
 * the id a new action gets under each numbering a plan may use, an
 * action's change written with one history event per field saying what it
 * was, a new action with its own duties, and the people functions' history.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "plan/doc.h"
#include "plan/internal.h"

/* A database in memory with the plan of fixture `path` imported. */
static store_t *plan_db(const char *path)
{
	struct err e;
	store_t *db = NULL;
	struct doc *d = NULL;
	struct plan_model *m = NULL;
	struct buf changes = BUF_INIT;
	int a, r, w;
	err_clear(&e);
	cr_assert_eq(store_open(":memory:", &db, &e), 0, "%s", e.msg);
	cr_assert_eq(doc_read_file(path, DOC_FMT_AUTO, &d, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_model_from_doc(d, path, &m, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_save(db, m, "main", path, "test", &changes, &a, &r, &w, &e), 0, "%s",
		     e.msg);
	buf_free(&changes);
	plan_model_free(m);
	doc_free(d);
	return db;
}

static int64_t q_int(store_t *db, const char *sql)
{
	struct err e;
	int64_t v = -1;
	err_clear(&e);
	cr_assert_eq(store_query_int(db, &v, &e, sql, ""), 0, "%s: %s", sql, e.msg);
	return v;
}

static int64_t area_id(store_t *db, int no)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM area WHERE no = %d", no);
	return q_int(db, sql);
}

/* The id the next action of area `no` would get. */
static void next_code(store_t *db, int no, char code[16])
{
	struct err e;
	char letter;
	err_clear(&e);
	cr_assert_eq(plan_action_next_code(db, q_int(db, "SELECT id FROM plan"), area_id(db, no),
					   code, &letter, &e),
		     0, "%s", e.msg);
}

Test(numbering, parity_numbers_area_and_next_letter)
{
	store_t *db = plan_db("data/demo/action-plan.md");
	char code[16];
	next_code(db, 2, code);
	cr_assert_str_eq(code, "2c");
	next_code(db, 7, code);
	cr_assert_str_eq(code, "7c");
	store_close(db);
}

Test(numbering, the_plans_own_ids_are_counted_on)
{
	store_t *db = plan_db("tests/fixtures/plan/ids-dotted.md");
	char code[16];
	next_code(db, 1, code);
	cr_assert_str_eq(code, "1.4", "after 1.2 and 1.3");
	next_code(db, 2, code);
	cr_assert_str_eq(code, "3.1.5", "after 3.1.4");
	store_close(db);
	db = plan_db("tests/fixtures/plan/ids-nhs.md");
	next_code(db, 1, code);
	cr_assert_str_eq(code, "5b", "after 4a, 4b, 5a");
	store_close(db);
}

Test(numbering, an_id_used_before_is_skipped)
{
	store_t *db = plan_db("tests/fixtures/plan/ids-nhs.md");
	struct err e;
	char code[16];
	err_clear(&e);
	/* an action "5b" the plan had once (removed since) keeps its id */
	cr_assert_eq(store_exec(db, &e,
				"INSERT INTO action(plan_id, area_id, code, letter, text, removed)"
				" SELECT plan_id, area_id, '5b', 'z', 'old', 1 FROM action WHERE code = '5a'",
				""),
		     0, "%s", e.msg);
	next_code(db, 1, code);
	cr_assert_str_eq(code, "5c");
	store_close(db);
}

Test(add, a_new_action_with_its_own_duties_and_history)
{
	store_t *db = plan_db("data/demo/action-plan.md");
	struct err e;
	struct plan_new_action a;
	struct plan_item *items = NULL;
	size_t n = 0;
	int duties[] = {5, 11}, want[] = {1, 2, 3, 5, 11}, idx, i;
	int64_t id;
	char code[16];

	memset(&a, 0, sizeof a);
	a.area_id = area_id(db, 2);
	a.text = "Run a listening session";
	a.lead_text = "MD/Comms";
	a.due = (struct date){2027, 6, 30};
	a.duties = duties;
	a.n_duties = 2;
	a.origin = "web";
	a.note = "Added on the web by jo";
	err_clear(&e);
	cr_assert_eq(plan_action_add(db, q_int(db, "SELECT id FROM plan"), &a, "jo", &id, code, &e),
		     0, "%s", e.msg);
	cr_assert_str_eq(code, "2c");
	cr_assert_eq(plan_items_load(db, q_int(db, "SELECT id FROM plan"), (struct date){2026, 12, 1},
				     &items, &n, &e),
		     0, "%s", e.msg);
	idx = plan_items_find(items, n, "2c");
	cr_assert_geq(idx, 0);
	cr_assert_str_eq(items[idx].status, "not-started");
	cr_assert_eq(items[idx].due.y, 2027);
	cr_assert_eq(items[idx].n_leads, 2);
	cr_assert_str_eq(items[idx].leads[0].kind, "person");
	cr_assert_str_eq(items[idx].leads[1].kind, "group");
	/* its area's duties (1, 2, 3) and its own (5, 11) */
	cr_assert_eq(items[idx].n_duties, 5);
	for (i = 0; i < 5; i++)
		cr_assert_eq(items[idx].duties[i], want[i]);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_event WHERE kind = 'added'"
			       " AND author = 'jo' AND note = 'Added on the web by jo'"),
		     1);
	plan_items_free(items, n);
	store_close(db);
}

Test(edit, each_changed_field_is_an_event_saying_what_it_was)
{
	store_t *db = plan_db("data/demo/action-plan.md");
	struct err e;
	struct plan_action_edit c;
	int64_t id;
	int n = -1;

	id = q_int(db, "SELECT id FROM action WHERE code = '1b'");
	memset(&c, 0, sizeof c);
	c.text = "Publish the objectives";
	c.due = (struct date){2027, 3, 31};
	c.lead_text = "RO/MD";
	c.status = "done";
	err_clear(&e);
	cr_assert_eq(plan_action_edit_apply(db, id, &c, "jo", &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 4);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_event e JOIN action a"
			       " ON a.id = e.action_id WHERE a.code = '1b' AND e.author = 'jo'"),
		     4);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_event WHERE kind = 'due' AND note ="
			       " 'Due date changed from 30 September 2026 to 31 March 2027"
			       " (the timescale was “By 30/9/26”)'"),
		     1);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_event WHERE kind = 'status'"
			       " AND status = 'done' AND note = 'Status changed from In progress to Done'"),
		     1);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_lead l JOIN person p ON p.id = l.person_id"
			       " JOIN action a ON a.id = l.action_id WHERE a.code = '1b'"),
		     2);
	/* the same values again: nothing */
	cr_assert_eq(plan_action_edit_apply(db, id, &c, "jo", &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 0);
	store_close(db);
}

Test(people, rename_and_hand_over_leave_history)
{
	store_t *db = plan_db("data/demo/action-plan.md");
	struct err e;
	int64_t pk, md;
	int n = -1;
	err_clear(&e);
	cr_assert_eq(plan_person_find(db, "PK", &pk, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_person_find(db, "MD", &md, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(plan_person_rename(db, pk, "Priya Kaur-Singh", "", NULL, "jo", &n, &e), 0, "%s",
		     e.msg);
	cr_assert_eq(n, 4, "PK leads 4 actions");
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM person WHERE initials = 'PK' AND role IS NULL"), 1);
	cr_assert_eq(plan_person_rename(db, pk, NULL, NULL, "MD", "jo", &n, &e), ERR_DATA,
		     "someone else's initials");
	cr_assert_eq(plan_person_reassign(db, pk, md, "jo", &n, &e), 0, "%s", e.msg);
	cr_assert_eq(q_int(db, "SELECT COUNT(*) FROM action_event WHERE kind = 'lead' AND note ="
			       " 'lead PK (Priya Kaur-Singh) handed over to MD (Mohammed Darr)'"),
		     n);
	cr_assert_eq(plan_person_reassign(db, md, pk, "jo", &n, &e), ERR_DATA, "PK has left");
	store_close(db);
}
