/* err: sticky first error with a user-facing message (see err.h). */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}

int err_set(struct err *e, int code, const char *fmt, ...)
{
	if (e && e->code == 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->code = code;
	}
	return code;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	char pre[512], old[sizeof e->msg];
	va_list ap;

	if (!e || e->code == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof pre, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	{
		size_t np = strlen(pre), no = strlen(old), cap = sizeof e->msg - 1;
		if (np > cap)
			np = cap;
		memcpy(e->msg, pre, np);
		if (np + 2 <= cap) {
			memcpy(e->msg + np, ": ", 2);
			np += 2;
		}
		if (no > cap - np)
			no = cap - np;
		memcpy(e->msg + np, old, no);
		e->msg[np + no] = '\0';
	}
}
