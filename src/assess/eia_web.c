#include "assess/eia_internal.h"
#include "web/web.h"
static int stub(struct web_req *rq, struct web_resp *rs, struct err *e)
{
	(void)rq; (void)rs;
	return err_set(e, ERR_NOTFOUND, "x");
}
const struct web_route eia_pages[EIA_N_PAGES] = {
	{"GET", "/eia", CAP_READ_PLAN, stub},
	{"GET", "/eia/*", CAP_READ_PLAN, stub},
	{"POST", "/eia/new", CAP_UPDATE_ANY_ACTION, stub},
	{"POST", "/eia/*", CAP_UPDATE_ANY_ACTION, stub},
	{"GET", "/public/eia", CAP_PUBLIC, stub},
	{"GET", "/public/eia/*", CAP_PUBLIC, stub},
	{"GET", "/eiax", CAP_READ_PLAN, stub},
	{"GET", "/eiay", CAP_READ_PLAN, stub},
};
const struct web_nav eia_nav[EIA_N_NAV] = {
	{35, "eia", CAP_READ_PLAN, "/eia", "Impact assessments"},
};
