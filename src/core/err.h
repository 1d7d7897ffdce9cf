/*
 * err: the error a failing function hands back to its caller.
 *
 * Functions that can fail return an int (0 ok, negative code) and fill a
 * caller-supplied struct err with a message a user can act on: what went
 * wrong, where (file:line:column, or record and field), and what to do.
 * The first error set sticks; later err_set calls are ignored so the root
 * cause is what reaches the user.
 */
#ifndef PARITY_ERR_H
#define PARITY_ERR_H

enum {
	ERR_OK = 0,
	ERR_DATA = -1,	/* bad input data (the user can correct it): exit 1 */
	ERR_USAGE = -2, /* wrong command line: exit 2 */
	ERR_IO = -3,	/* file could not be read or written: exit 1 */
	ERR_DB = -4,	/* database failure: exit 1 */
	ERR_NOTFOUND = -5, /* named thing does not exist: exit 1 */
	ERR_INTERNAL = -6, /* a fault of the program or its host (out of memory, a
			      library that would not start, a size limit of our own):
			      nothing the user's input can fix; exit 1, HTTP 500 */
};

struct err {
	int code;	/* first error code set, 0 when none */
	char msg[1024]; /* message for the user, NUL-terminated */
};

/* Empty the error. */
void err_clear(struct err *e);
/* Record an error unless one is already set; returns code (the argument)
 * so callers can write `return err_set(e, ERR_DATA, ...)`. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefix the existing message with "prefix: " (for adding a file name). */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
