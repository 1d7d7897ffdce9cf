/*
 * mail/worker.c: serve's mail worker — a thread with its own connection
 * to the database that, every so many seconds, runs the app's periodic
 * job (reminders, invitations ...) and then delivers what is due
 * (mail_run). The jobs run whether or not mail is set up; delivery only
 * when it is. A failing round is reported once on standard error (the
 * server's log), not again until it changes.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "mail/mail.h"

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int running, stop, seconds;
	store_t *db;
	mail_job job;
	char last_error[1024];
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void round_once(void)
{
	struct err e = {0};
	struct mail_run_result r;
	int rc = 0;
	time_t now;
	/* The domains' jobs run whether or not mail is set up (each one that
	 * mails does nothing without it; an objective off track still raises
	 * its flag, a retention period still ends); delivery only with it. */
	now = mail_now();
	if (w.job)
		rc = w.job(w.db, now, &e);
	if (rc >= 0 && mail_configured(w.db))
		rc = mail_run(w.db, now, 0, &r, &e);
	if (rc < 0) {
		if (strcmp(e.msg, w.last_error) != 0) {
			fprintf(stderr, "parity: mail worker: %s\n", e.msg);
			snprintf(w.last_error, sizeof w.last_error, "%s", e.msg);
		}
	} else {
		w.last_error[0] = '\0';
	}
}

static void *worker_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&w.lock);
	while (!w.stop) {
		struct timespec until;
		pthread_mutex_unlock(&w.lock);
		round_once();
		pthread_mutex_lock(&w.lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w.seconds;
		while (!w.stop && pthread_cond_timedwait(&w.wake, &w.lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w.lock);
	return NULL;
}

int mail_worker_start(const char *db_path, int seconds, mail_job job, struct err *e)
{
	int rc;
	if (w.running)
		return err_set(e, ERR_INTERNAL, "the mail worker is already running");
	if ((rc = store_open(db_path, &w.db, e)) < 0)
		return rc;
	w.seconds = seconds > 0 ? seconds : 60;
	w.job = job;
	w.stop = 0;
	w.last_error[0] = '\0';
	if (pthread_create(&w.thread, NULL, worker_main, NULL) != 0) {
		store_close(w.db);
		w.db = NULL;
		return err_set(e, ERR_INTERNAL, "the mail worker could not start");
	}
	w.running = 1;
	return 0;
}

void mail_worker_stop(void)
{
	if (!w.running)
		return;
	pthread_mutex_lock(&w.lock);
	w.stop = 1;
	pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.lock);
	pthread_join(w.thread, NULL);
	store_close(w.db);
	w.db = NULL;
	w.running = 0;
}
