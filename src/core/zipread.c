/*
 * zipread: one part of a zip archive (a .docx, .xlsx or .ods) read whole,
 * with a cap on its unpacked size and libzip's CRC check. Shared by the
 * Word reader (plan/doc.c) and the spreadsheet reader (core/sheet.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "core/zipread.h"

int zip_part_read(zip_t *za, const char *member, size_t max, char **out, size_t *len,
		  char *why, size_t why_len)
{
	zip_stat_t st;
	zip_file_t *zf;
	zip_int64_t idx, got;
	char *data, extra;
	size_t size, n = 0;

	*out = NULL;
	idx = zip_name_locate(za, member, ZIP_FL_NOCASE);
	if (idx < 0) {
		snprintf(why, why_len, "it has no %s", member);
		return -1;
	}
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		snprintf(why, why_len, "%s: %s", member, zip_strerror(za));
		return -1;
	}
	if (st.size > max) {
		snprintf(why, why_len, "%s unpacks to more than %zu MiB", member, max >> 20);
		return -1;
	}
	size = (size_t)st.size;
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf) {
		snprintf(why, why_len, "%s: %s", member, zip_strerror(za));
		return -1;
	}
	data = xmalloc(size + 1);
	while (n < size) {
		got = zip_fread(zf, data + n, size - n);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	/* reading past the end makes libzip check the CRC */
	if (n != size || zip_fread(zf, &extra, 1) != 0) {
		snprintf(why, why_len, "%s is damaged (%s)", member, zip_file_strerror(zf));
		zip_fclose(zf);
		free(data);
		return -1;
	}
	zip_fclose(zf);
	data[size] = '\0';
	*out = data;
	*len = size;
	return 0;
}
