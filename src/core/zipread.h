/*
 * zipread: read one part of a zip archive whole (core: knows no domain).
 */
#ifndef PARITY_ZIPREAD_H
#define PARITY_ZIPREAD_H

#include <stddef.h>
#include <zip.h>

/* Read the part `member` (found ignoring case) into a new NUL-terminated
 * buffer (caller frees) of at most max bytes, checking its CRC. Returns 0,
 * or -1 with a reason in why ("it has no word/document.xml", "... unpacks
 * to more than 64 MiB", "... is damaged (...)"). */
int zip_part_read(zip_t *za, const char *member, size_t max, char **out, size_t *len,
		  char *why, size_t why_len);

#endif
