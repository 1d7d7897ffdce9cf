/*
 * app/jobs.c: the periodic work of the domains, run by serve's mail
 * worker (every minute) and by 'parity mail run' before it delivers:
 * whatever should be queued by now is queued, then mail_run sends it.
 */
#include "app/app.h"
#include "assess/assess.h"
#include "monitor/monitor.h"
#include "network/network.h"
#include "plan/objective.h"
#include "plan/plan.h"

int app_jobs(store_t *db, time_t now, struct err *e)
{
	int rc;
	if ((rc = network_jobs(db, now, e)) < 0)
		return rc;
	if ((rc = plan_reminders(db, now, NULL, e)) < 0)
		return rc;
	if ((rc = objective_jobs(db, now, e)) < 0) /* before the notices: its flags go out with them */
		return rc;
	if ((rc = monitor_flag_notices(db, now, NULL, e)) < 0)
		return rc;
	if ((rc = assess_jobs(db, now, e)) < 0)
		return rc;
	if ((rc = objective_reminders(db, now, NULL, e)) < 0)
		return rc;
	return 0;
}
