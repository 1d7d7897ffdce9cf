/*
 * monitor: diversity monitoring — the public face of the monitoring room.
 * The site (its rooms, the dashboard) calls only this.
 */
#ifndef PARITY_MONITOR_H
#define PARITY_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/cli.h"
#include "store/store.h"
#include "web/web.h"

/* The monitoring room (core/room.h): its commands, pages and navigation. */
extern const struct room monitor_room;
/* The section of its pages (web_page_begin). */
#define SEC_MONITORING "monitoring"

/* The monitoring pages of parity serve (monitor/web.c): /monitoring and
 * everything under it. */
extern const struct web_route monitor_pages[];
extern const size_t monitor_n_pages;

/* What the dashboard shows of the monitoring room. */
struct monitor_summary {
	int64_t open_flags;	/* flags nobody has explained or acted on yet */
	int64_t unclosed_flags; /* flags not closed (open, explained or actioned) */
	int has_import;		/* 0 when nothing was imported: the rest is empty */
	char last_dataset[64];	/* the import made last: dataset, ... */
	char last_period[24];	/* ... period, ... */
	char last_at[24];	/* ... when (UTC, ISO 8601), ... */
	int64_t last_rows;	/* ... and how many rows */
	char latest_period[24]; /* the latest period of last_dataset */
	double completeness;	/* recorded share (%) of every characteristic of
				   last_dataset in latest_period, all units
				   together; NaN when unknown */
};
/* Fill *out from the database (read only; allocates nothing). */
int monitor_dashboard_summary(store_t *db, struct monitor_summary *out, struct err *e);
/* Monitoring's section of the dashboard page, written into rs
 * (monitor/summary.c): open flags, the last import and completeness. */
int monitor_web_dashboard(struct web_req *rq, struct web_resp *rs, struct err *e);
#endif
