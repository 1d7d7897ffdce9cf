/*
 * str: small string helpers shared by every room: trimming, ASCII case
 * folding, and whole-word checks. All work on UTF-8 bytes and leave
 * non-ASCII bytes alone.
 */
#ifndef PARITY_STR_H
#define PARITY_STR_H

#include <stddef.h>

/* Copy of s without leading/trailing whitespace (ASCII and U+00A0).
 * Caller frees. */
char *str_trim_dup(const char *s);
/* Trim in place; returns s. */
char *str_trim(char *s);
/* ASCII case-insensitive equality / prefix test. */
int str_eq_ci(const char *a, const char *b);
int str_prefix_ci(const char *s, const char *prefix);
/* Case-insensitive search; returns pointer into hay or NULL. */
const char *str_find_ci(const char *hay, const char *needle);
/* Collapse runs of whitespace into one space and trim; in place. */
char *str_squeeze(char *s);
/* 1 when s is NULL or only whitespace. */
int str_blank(const char *s);
/* Parse a whole decimal integer in [lo, hi]; 0 ok, -1 otherwise. */
int str_to_int(const char *s, long lo, long hi, long *out);

/* Bytes in the first max_chars characters (UTF-8 code points) of s, so a
 * text column can be cut without splitting a character. Sets *cut to 1
 * when s is longer than that. */
int str_utf8_prefix(const char *s, size_t max_chars, int *cut);

/* 12345 -> "12,345" into out: the one way counts are written for readers
 * (GOV.UK style, commas between thousands). */
void str_count(char out[32], long long v);

/* The last part of a path, after its last '/': what a reader is shown of
 * a file the server read ("q2.csv", never "/tmp/x/q2.csv"). */
const char *str_file_name(const char *path);

#endif
