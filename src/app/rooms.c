/*
 * app/rooms.c: the rooms of parity, in the order the web server tries
 * their pages. Adding a room is adding it here: its commands, pages and
 * navigation entries come with it (core/room.h).
 */
#include "app/app.h"
#include "assess/assess.h"
#include "assess/directory.h"
#include "mail/mail.h"
#include "monitor/monitor.h"
#include "network/network.h"
#include "plan/objective.h"
#include "plan/plan.h"
#include "publish/publish.h"
#include "web/web.h"

const struct room *const parity_rooms[] = {
	&web_room,
	&site_room,
	&plan_room,
	&objective_room,
	&monitor_room,
	&publish_room,
	&assess_room,
	&member_room,
	&meeting_room,
	&list_room,
	&mentoring_room,
	&case_room,
	&survey_room,
	&directory_room,
	&mail_room,
	&mail_app_room,
};
const size_t parity_n_rooms = sizeof parity_rooms / sizeof parity_rooms[0];
