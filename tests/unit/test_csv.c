/*
 * test_csv: the streaming CSV reader (core/csv.h). Inputs are tables of
 * cases, each read whole and rendered as "N:f1|f2|...\n" per record (N
 * the field count; CR and LF inside fields shown as \r and \n), and each
 * read again with every small chunk size so chunk boundaries fall inside
 * quoted fields, doubled quotes, CRLF pairs, UTF-8 sequences and the byte
 * order mark. Errors are checked for their exact "name:line:column:"
 * prefix under every chunk size. Inputs are copied to exact-size heap
 * blocks so ASan catches any read past the end.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/xalloc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Assert that string s starts with the literal lit. */
#define assert_prefix(s, lit) \
	cr_assert(strncmp((s), (lit), sizeof(lit) - 1) == 0, "got '%s'", (s))

/* Chunk sizes every table case is read with; 0 means the default. */
static const size_t chunk_sizes[] = {0, 1, 2, 3, 4, 5, 7, 64};

/* Read all of data (len bytes) with the given chunk size, rendering each
 * record into out. Returns the last csv_next result (0 or an error). */
static int read_all(const char *data, size_t len, size_t chunk, struct buf *out,
		    struct err *e)
{
	struct csv_reader *r;
	char *copy = xmalloc(len ? len : 1);
	int rc;

	memcpy(copy, data, len);
	cr_assert_eq(csv_open_mem(copy, len, "t.csv", &r, e), 0);
	if (chunk)
		csv_set_chunk_size(r, chunk);
	while ((rc = csv_next(r, e)) == 1) {
		size_t i, n = csv_n_fields(r);
		buf_printf(out, "%zu:", n);
		for (i = 0; i < n; i++) {
			const char *f = csv_field(r, i);
			cr_assert_eq(strlen(f), csv_field_len(r, i));
			if (i)
				buf_putc(out, '|');
			for (; *f; f++) {
				if (*f == '\n')
					buf_puts(out, "\\n");
				else if (*f == '\r')
					buf_puts(out, "\\r");
				else
					buf_putc(out, *f);
			}
		}
		buf_putc(out, '\n');
	}
	csv_close(r);
	free(copy);
	return rc;
}

/* ------------------------------------------------------------ records */

struct good_case {
	const char *name;
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *want;
};

static const struct good_case good_cases[] = {
	{"plain", "a,b,c\n1,2,3\n", 0, "3:a|b|c\n3:1|2|3\n"},
	{"quoted comma", "\"x,y\",z\n", 0, "2:x,y|z\n"},
	{"doubled quotes", "\"say \"\"hi\"\"\",2\n", 0, "2:say \"hi\"|2\n"},
	{"only a doubled quote", "\"\"\"\"\n", 0, "1:\"\n"},
	{"newline in quotes", "\"l1\nl2\",b\nc,d\n", 0, "2:l1\\nl2|b\n2:c|d\n"},
	{"crlf", "a,b\r\nc,d\r\n", 0, "2:a|b\n2:c|d\n"},
	{"crlf kept in quotes", "\"l1\r\nl2\",b\r\n", 0, "2:l1\\r\\nl2|b\n"},
	{"lone cr ends records", "a,b\rc,d\r", 0, "2:a|b\n2:c|d\n"},
	{"bom", "\xEF\xBB\xBFname,age\n", 0, "2:name|age\n"},
	{"bom only", "\xEF\xBB\xBF", 0, ""},
	{"bom not at start is data", "a\xEF\xBB\xBF,b\n", 0, "2:a\xEF\xBB\xBF|b\n"},
	{"no final newline", "a,b\nc,d", 0, "2:a|b\n2:c|d\n"},
	{"no final newline, quoted", "a\n\"c,d\"", 0, "1:a\n1:c,d\n"},
	{"empty fields", ",,\na,,b\n", 0, "3:||\n3:a||b\n"},
	{"trailing comma", "a,\n", 0, "2:a|\n"},
	{"trailing comma at eof", "a,", 0, "2:a|\n"},
	{"one empty quoted field", "\"\"\n", 0, "1:\n"},
	{"empty quoted fields", "\"\",\"\"\n", 0, "2:|\n"},
	{"empty input", "", 0, ""},
	{"only line ends", "\n\r\n\n", 0, ""},
	{"blank lines skipped", "a\n\nb\n\n\n", 0, "1:a\n1:b\n"},
	{"blank crlf lines skipped", "\r\n\r\na\r\n\r\nb", 0, "1:a\n1:b\n"},
	{"spaces kept", " a , b \n", 0, "2: a | b \n"},
	{"line of spaces is a record", "  \n", 0, "1:  \n"},
	{"utf-8", "caf\xC3\xA9,\xE6\x97\xA5\xE6\x9C\xAC,\xF0\x9F\x98\x80\n", 0,
	 "3:caf\xC3\xA9|\xE6\x97\xA5\xE6\x9C\xAC|\xF0\x9F\x98\x80\n"},
	{"utf-8 in quotes", "\"\xC3\xA9,\xF0\x9F\x98\x80\"\n", 0,
	 "1:\xC3\xA9,\xF0\x9F\x98\x80\n"},
	{"tab and other controls are data", "a\tb,\x01\n", 0, "2:a\tb|\x01\n"},
	{"comma after quoted then end", "\"a\",\n", 0, "2:a|\n"},
};

Test(csv, good_inputs_under_every_chunk_size)
{
	size_t i, k;
	for (i = 0; i < N_OF(good_cases); i++) {
		const struct good_case *c = &good_cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		for (k = 0; k < N_OF(chunk_sizes); k++) {
			struct buf out = BUF_INIT;
			struct err e;
			err_clear(&e);
			int rc = read_all(c->in, len, chunk_sizes[k], &out, &e);
			cr_assert_eq(rc, 0, "%s (chunk %zu): %s", c->name, chunk_sizes[k],
				     e.msg);
			cr_assert_str_eq(buf_str(&out), c->want, "%s (chunk %zu)", c->name,
					 chunk_sizes[k]);
			buf_free(&out);
		}
	}
}

Test(csv, record_spans_chunk_boundary_inside_quotes_and_crlf)
{
	/* With 3-byte chunks: "ab\r" | "\ncd" splits the CRLF; the quoted
	 * field "x""y\r\nz" is cut after its first quote, between the doubled
	 * quotes, and inside its CRLF. */
	static const char in[] = "ab\r\ncd,\"x\"\"y\r\nz\"\r\n";
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	cr_assert_eq(csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e), 0);
	csv_set_chunk_size(r, 3);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_n_fields(r), 1);
	cr_assert_str_eq(csv_field(r, 0), "ab");
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_n_fields(r), 2);
	cr_assert_str_eq(csv_field(r, 0), "cd");
	cr_assert_str_eq(csv_field(r, 1), "x\"y\r\nz");
	cr_assert_eq(csv_field_len(r, 1), 6);
	cr_assert_eq(csv_record_line(r), 2);
	cr_assert_eq(csv_next(r, &e), 0);
	cr_assert_eq(csv_next(r, &e), 0, "the end repeats");
	cr_assert_eq(csv_n_fields(r), 0);
	cr_assert_eq(e.code, 0);
	csv_close(r);
}

Test(csv, field_positions_and_record_lines)
{
	/* line 1: a,"b      line 2: c",d     line 3: (blank)   line 4:  e */
	static const char in[] = "a,\"b\nc\",d\n\n e\n";
	size_t k;
	for (k = 0; k < N_OF(chunk_sizes); k++) {
		struct csv_reader *r;
		struct err e;
		err_clear(&e);
		csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e);
		if (chunk_sizes[k])
			csv_set_chunk_size(r, chunk_sizes[k]);
		cr_assert_eq(csv_next(r, &e), 1);
		cr_assert_eq(csv_record_line(r), 1);
		cr_assert_eq(csv_record_number(r), 1);
		cr_assert_eq(csv_field_line(r, 0), 1);
		cr_assert_eq(csv_field_col(r, 0), 1);
		cr_assert_eq(csv_field_line(r, 1), 1);
		cr_assert_eq(csv_field_col(r, 1), 3);
		cr_assert_eq(csv_field_line(r, 2), 2);
		cr_assert_eq(csv_field_col(r, 2), 4);
		cr_assert_str_eq(csv_field(r, 1), "b\nc");
		cr_assert_null(csv_field(r, 3));
		cr_assert_eq(csv_field_len(r, 3), 0);
		cr_assert_eq(csv_field_line(r, 3), 0);
		cr_assert_eq(csv_next(r, &e), 1);
		cr_assert_eq(csv_record_line(r), 4);
		cr_assert_eq(csv_record_number(r), 2);
		cr_assert_str_eq(csv_field(r, 0), " e");
		cr_assert_eq(csv_field_col(r, 0), 1);
		cr_assert_eq(csv_next(r, &e), 0);
		csv_close(r);
	}
}

Test(csv, columns_count_characters_not_bytes_nor_the_bom)
{
	static const char in[] = "\xEF\xBB\xBF\xC3\xA9\xE6\x97\xA5,x\r\n\xF0\x9F\x98\x80,y\r\n";
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e);
	csv_set_chunk_size(r, 2);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_str_eq(csv_field(r, 0), "\xC3\xA9\xE6\x97\xA5");
	cr_assert_eq(csv_field_col(r, 1), 4);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_field_line(r, 1), 2);
	cr_assert_eq(csv_field_col(r, 1), 3);
	csv_close(r);
}

/* ------------------------------------------------------------ errors */

struct bad_case {
	const char *name;
	const char *in;
	size_t len;	    /* 0: strlen(in) */
	const char *where;  /* exact message prefix */
	const char *says;   /* words the message must contain */
	int n_good;	    /* records read before the error */
};

static const struct bad_case bad_cases[] = {
	{"unterminated quote", "a,b\nc,\"open\nmore\n", 0, "t.csv:2:3: ",
	 "closing quote is missing", 1},
	{"unterminated quote at eof", "\"", 0, "t.csv:1:1: ", "closing quote", 0},
	{"unterminated after doubled quote", "x\n\"a\"\"", 0, "t.csv:2:1: ",
	 "closing quote", 1},
	{"quote in unquoted field", "a,b\"c\n", 0, "t.csv:1:4: ",
	 "does not start with a quote", 0},
	{"quote in unquoted field after space", "a, \"b\"\n", 0, "t.csv:1:4: ",
	 "does not start with a quote", 0},
	{"text after closing quote", "\"a\"b,c\n", 0, "t.csv:1:4: ",
	 "after the closing quote", 0},
	{"space after closing quote", "x,y\r\n\"a\" ,c\r\n", 0, "t.csv:2:4: ",
	 "after the closing quote", 1},
	{"nul byte", "a,b\nc\0d\n", 8, "t.csv:2:2: ", "NUL byte", 1},
	{"nul byte in quotes", "\"a\0\"\n", 5, "t.csv:1:3: ", "NUL byte", 0},
	{"invalid byte 0xFF", "a,b\nxy\xFFz\n", 0, "t.csv:2:3: ", "not valid UTF-8", 1},
	{"latin-1 e acute", "caf\xE9,1\n", 0, "t.csv:1:4: ", "save it as 'CSV UTF-8", 0},
	{"overlong slash", "ab,\xC0\xAF\n", 0, "t.csv:1:4: ", "not valid UTF-8", 0},
	{"overlong three bytes", "\xE0\x80\xAF\n", 0, "t.csv:1:1: ", "UTF-8", 0},
	{"surrogate", "x\n\xC3\xA9\xED\xA0\x80\n", 0, "t.csv:2:2: ", "UTF-8", 1},
	{"above U+10FFFF", "\xF4\x90\x80\x80\n", 0, "t.csv:1:1: ", "UTF-8", 0},
	{"stray continuation", "a\x80\n", 0, "t.csv:1:2: ", "UTF-8", 0},
	{"truncated at eof", "ab\xE2\x82", 0, "t.csv:1:3: ", "UTF-8", 0},
	{"truncated before newline", "ab\xF0\x9F\x98\n", 0, "t.csv:1:3: ", "UTF-8", 0},
	{"syntax error before encoding error", "a\"b\xFF\n", 0, "t.csv:1:2: ",
	 "does not start with a quote", 0},
};

Test(csv, errors_give_exact_line_and_column_under_every_chunk_size)
{
	size_t i, k;
	for (i = 0; i < N_OF(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		for (k = 0; k < N_OF(chunk_sizes); k++) {
			struct buf out = BUF_INIT;
			struct err e;
			const char *p;
			int rc, n = 0;
			err_clear(&e);
			rc = read_all(c->in, len, chunk_sizes[k], &out, &e);
			cr_assert_eq(rc, ERR_DATA, "%s (chunk %zu)", c->name, chunk_sizes[k]);
			cr_assert_eq(e.code, ERR_DATA);
			cr_assert(strncmp(e.msg, c->where, strlen(c->where)) == 0,
				  "%s (chunk %zu): got '%s'", c->name, chunk_sizes[k], e.msg);
			cr_assert_not_null(strstr(e.msg, c->says), "%s: got '%s'", c->name,
					   e.msg);
			for (p = buf_str(&out); *p; p++)
				n += *p == '\n';
			cr_assert_eq(n, c->n_good, "%s (chunk %zu)", c->name, chunk_sizes[k]);
			buf_free(&out);
		}
	}
}

Test(csv, error_sticks_on_later_calls)
{
	static const char in[] = "a\"b\nc,d\n";
	struct csv_reader *r;
	struct err e, e2;
	err_clear(&e);
	err_clear(&e2);
	csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), ERR_DATA);
	cr_assert_eq(csv_n_fields(r), 0);
	cr_assert_null(csv_field(r, 0));
	cr_assert_eq(csv_next(r, &e2), ERR_DATA);
	cr_assert_str_eq(e2.msg, e.msg);
	assert_prefix(e.msg, "t.csv:1:2: a \" appears inside a field");
	csv_close(r);
}

/* A heap block of n copies of ch framed by prefix and suffix. */
static char *repeat(const char *prefix, char ch, size_t n, const char *suffix,
		    size_t *len /* OUT */)
{
	size_t a = strlen(prefix), b = strlen(suffix);
	char *s = xmalloc(a + n + b);
	memcpy(s, prefix, a);
	memset(s + a, ch, n);
	memcpy(s + a + n, suffix, b);
	*len = a + n + b;
	return s;
}

Test(csv, field_at_the_size_limit_is_read)
{
	size_t len;
	char *in = repeat("a,", 'x', CSV_MAX_FIELD, "\n", &len);
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	csv_open_mem(in, len, "big.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), 1, "%s", e.msg);
	cr_assert_eq(csv_field_len(r, 1), CSV_MAX_FIELD);
	cr_assert_eq(csv_next(r, &e), 0);
	csv_close(r);
	free(in);
}

Test(csv, field_over_the_size_limit_is_an_error_at_its_start)
{
	static const char *const prefixes[] = {"h\nab,", "h\nab,\""};
	size_t i;
	for (i = 0; i < N_OF(prefixes); i++) {
		size_t len;
		char *in = repeat(prefixes[i], 'x', CSV_MAX_FIELD + 1, "\"\n", &len);
		struct csv_reader *r;
		struct err e;
		err_clear(&e);
		csv_open_mem(in, len, "big.csv", &r, &e);
		csv_set_chunk_size(r, 4096);
		cr_assert_eq(csv_next(r, &e), 1);
		cr_assert_eq(csv_next(r, &e), ERR_DATA);
		assert_prefix(e.msg, "big.csv:2:4: the field starting here is longer "
				     "than 1048576 bytes");
		csv_close(r);
		free(in);
	}
}

Test(csv, too_many_fields_is_an_error_at_the_extra_field)
{
	size_t len, n = CSV_MAX_FIELDS + 1, i;
	char *in = xmalloc(2 * n);
	struct csv_reader *r;
	struct err e;
	for (i = 0; i < n; i++) {
		in[2 * i] = 'a';
		in[2 * i + 1] = i + 1 < n ? ',' : '\n';
	}
	len = 2 * n;
	err_clear(&e);
	csv_open_mem(in, len, "wide.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), ERR_DATA);
	/* field 100001 starts at column 2 * 100000 + 1 */
	assert_prefix(e.msg, "wide.csv:1:200001: this record has more than 100000 "
			     "fields");
	csv_close(r);
	/* exactly at the limit is fine */
	in[2 * (n - 1) - 1] = '\n';
	err_clear(&e);
	csv_open_mem(in, 2 * (n - 1), "wide.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), 1, "%s", e.msg);
	cr_assert_eq(csv_n_fields(r), CSV_MAX_FIELDS);
	cr_assert_str_eq(csv_field(r, CSV_MAX_FIELDS - 1), "a");
	csv_close(r);
	free(in);
}

Test(csv, record_over_the_size_limit_is_an_error_at_its_line)
{
	/* 17 fields of 1 MiB each: every field is allowed, the record is not. */
	size_t nf = CSV_MAX_RECORD / CSV_MAX_FIELD + 1, i, len = 3 + nf * (CSV_MAX_FIELD + 1);
	char *in = xmalloc(len), *p = in;
	struct csv_reader *r;
	struct err e;
	memcpy(p, "h\n\n", 3);
	p += 3;
	for (i = 0; i < nf; i++) {
		memset(p, 'y', CSV_MAX_FIELD);
		p += CSV_MAX_FIELD;
		*p++ = i + 1 < nf ? ',' : '\n';
	}
	err_clear(&e);
	csv_open_mem(in, len, "long.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_next(r, &e), ERR_DATA);
	assert_prefix(e.msg, "long.csv:3:1: the record starting here is longer than "
			     "16777216 bytes");
	csv_close(r);
	free(in);
}

/* ------------------------------------------------------------ header */

Test(csv, header_index_ignores_case_and_spaces)
{
	static const char in[] = "\xEF\xBB\xBF  Person_ID ,AGE,\"ethnicity \",\xC2\xA0Sex\xC2\xA0,age\n"
				 "SU1,30,W1,Male,x\n";
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e);
	cr_assert_eq(csv_header_index(r, "age"), -1, "no header read yet");
	cr_assert_eq(csv_read_header(r, &e), 0);
	cr_assert_eq(csv_n_header(r), 5);
	cr_assert_str_eq(csv_header_name(r, 0), "Person_ID");
	cr_assert_str_eq(csv_header_name(r, 3), "Sex");
	cr_assert_null(csv_header_name(r, 5));
	cr_assert_eq(csv_header_index(r, "person_id"), 0);
	cr_assert_eq(csv_header_index(r, " age "), 1, "first of two 'age' columns");
	cr_assert_eq(csv_header_index(r, "Ethnicity"), 2);
	cr_assert_eq(csv_header_index(r, "\tSEX\xC2\xA0"), 3);
	cr_assert_eq(csv_header_index(r, "religion"), -1);
	cr_assert_eq(csv_header_index(r, ""), -1);
	cr_assert_eq(csv_header_index(r, "ag"), -1);
	cr_assert_eq(csv_header_index(r, NULL), -1);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_str_eq(csv_field(r, 2), "W1");
	cr_assert_eq(csv_header_index(r, "sex"), 3, "header kept after later records");
	csv_close(r);
}

Test(csv, header_of_empty_file_is_an_error)
{
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	csv_open_mem("\n\n", 2, "empty.csv", &r, &e);
	cr_assert_eq(csv_read_header(r, &e), ERR_DATA);
	cr_assert_str_eq(e.msg, "empty.csv: the file is empty; expected a header row "
				"naming the columns");
	csv_close(r);
}

/* ------------------------------------------------------------ files */

Test(csv, missing_file_is_an_io_error_naming_it)
{
	struct csv_reader *r = (struct csv_reader *)1;
	struct err e;
	err_clear(&e);
	cr_assert_eq(csv_open_file("/nonexistent/x.csv", &r, &e), ERR_IO);
	cr_assert_null(r);
	cr_assert_str_eq(e.msg, "cannot open /nonexistent/x.csv: No such file or "
				"directory; check the file name and that you may read it");
	csv_close(NULL);
}

Test(csv, directory_is_an_io_error_on_read)
{
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	cr_assert_eq(csv_open_file("/tmp", &r, &e), 0);
	cr_assert_eq(csv_next(r, &e), ERR_IO);
	cr_assert_str_eq(e.msg, "cannot read /tmp: Is a directory; check the file is "
				"readable and try again");
	csv_close(r);
}

Test(csv, file_of_200k_rows_is_read_completely)
{
	char path[] = "/tmp/test_csv_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	long i, n = 0, sum = 0;
	struct csv_reader *r;
	struct err e;
	int rc;

	cr_assert_geq(fd, 0);
	f = fdopen(fd, "wb");
	fputs("\xEF\xBB\xBFid,name,value,note\r\n", f);
	for (i = 1; i <= 200000; i++)
		fprintf(f, "%ld,\"Name %ld, Jr\",%ld,%s\r\n", i, i, i % 97,
			i % 1000 == 0 ? "\"multi\r\nline \"\"quoted\"\"\"" : "");
	cr_assert_eq(fclose(f), 0);

	err_clear(&e);
	cr_assert_eq(csv_open_file(path, &r, &e), 0);
	cr_assert_eq(csv_read_header(r, &e), 0);
	cr_assert_eq(csv_header_index(r, "value"), 2);
	while ((rc = csv_next(r, &e)) == 1) {
		char want[64];
		n++;
		cr_assert_eq(csv_n_fields(r), 4);
		cr_assert_eq(strtol(csv_field(r, 0), NULL, 10), n);
		snprintf(want, sizeof want, "Name %ld, Jr", n);
		cr_assert_str_eq(csv_field(r, 1), want);
		sum += strtol(csv_field(r, 2), NULL, 10);
		if (n % 1000 == 0)
			cr_assert_str_eq(csv_field(r, 3), "multi\r\nline \"quoted\"");
		else
			cr_assert_str_eq(csv_field(r, 3), "");
		/* one extra line per earlier multi-line note, plus the header */
		cr_assert_eq(csv_record_line(r), n + 1 + (n - 1) / 1000);
	}
	cr_assert_eq(rc, 0, "%s", e.msg);
	cr_assert_eq(n, 200000);
	{
		long want_sum = 0;
		for (i = 1; i <= 200000; i++)
			want_sum += i % 97;
		cr_assert_eq(sum, want_sum);
	}
	cr_assert_eq(csv_record_number(r), 200001);
	csv_close(r);
	unlink(path);
}

/* Ranges of a file (csv_open_range, issue 5: parts of a file read by
 * threads): every split of a small file at each byte, read as two ranges
 * with every small chunk size, gives the records of the whole file when
 * the split falls just after a line end outside quotes; a BOM is skipped
 * only at offset 0; lines count from 1 within the range. */
Test(csv, ranges_of_a_file_read_as_the_whole)
{
	static const char text[] = "\xEF\xBB\xBF" "a,b\r\n1,\"x\r\ny\"\r\n2,z\n\xEF\xBB\xBF" "3,w";
	char path[] = "/tmp/test_csv_range_XXXXXX";
	int fd = mkstemp(path);
	struct buf whole = BUF_INIT;
	struct err e;
	size_t cut, c;

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(fd);
	err_clear(&e);
	cr_assert_eq(read_all(text, sizeof text - 1, 0, &whole, &e), 0);
	/* the BOM inside the file is data: the last record's field starts with U+FEFF */
	cr_assert_str_eq(buf_str(&whole), "2:a|b\n2:1|x\\r\\ny\n2:2|z\n2:\xEF\xBB\xBF" "3|w\n");
	for (cut = 1; cut < sizeof text - 1; cut++) {
		if (text[cut - 1] != '\n' || cut == 14) /* 14: the line end inside quotes */
			continue;
		for (c = 0; c < N_OF(chunk_sizes); c++) {
			struct buf got = BUF_INIT;
			size_t part;
			for (part = 0; part < 2; part++) {
				struct csv_reader *r;
				size_t off = part ? cut : 0, len = part ? sizeof text - 1 - cut : cut;
				int rc;
				cr_assert_eq(csv_open_range(path, (long long)off, len, &r, &e), 0);
				if (chunk_sizes[c])
					csv_set_chunk_size(r, chunk_sizes[c]);
				while ((rc = csv_next(r, &e)) == 1) {
					size_t i;
					buf_printf(&got, "%zu:", csv_n_fields(r));
					for (i = 0; i < csv_n_fields(r); i++) {
						const char *f;
						if (i)
							buf_putc(&got, '|');
						for (f = csv_field(r, i); *f; f++)
							buf_puts(&got, *f == '\r' ? "\\r" : *f == '\n' ? "\\n"
								 : (char[2]){*f, 0});
					}
					buf_putc(&got, '\n');
				}
				cr_assert_eq(rc, 0, "cut %zu: %s", cut, e.msg);
				if (part)
					cr_assert_eq(csv_line(r), 1 + (cut == 8 ? 3 : cut == 18 ? 1 : 0));
				csv_close(r);
			}
			cr_assert_str_eq(buf_str(&got), buf_str(&whole), "cut %zu chunk %zu", cut,
					 chunk_sizes[c]);
			buf_free(&got);
		}
	}
	buf_free(&whole);
	unlink(path);
}

Test(csv, range_ending_inside_quotes_is_an_error_at_the_quote)
{
	static const char text[] = "a,b\n1,\"x\ny\"\n";
	char path[] = "/tmp/test_csv_range_XXXXXX";
	int fd = mkstemp(path);
	struct csv_reader *r;
	struct err e;
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
	close(fd);
	err_clear(&e);
	cr_assert_eq(csv_open_range(path, 0, 9, &r, &e), 0);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_next(r, &e), ERR_DATA);
	assert_prefix(e.msg, "/tmp/test_csv_range_");
	cr_assert(strstr(e.msg, ":2:3: a quoted field starts here but its closing quote is missing"),
		  "%s", e.msg);
	csv_close(r);
	err_clear(&e);
	cr_assert_eq(csv_open_range("-", 0, 9, &r, &e), ERR_IO);
	csv_close(r);
	unlink(path);
}

/* ------------------------------------------------------------ in place */

/* Render every record with each field's line.column and bytes, through
 * both csv_field and csv_cells (which must agree), then the result. */
static void render_positions(const char *data, size_t len, size_t chunk, struct buf *out)
{
	struct csv_reader *r;
	struct err e;
	char *copy = xmalloc(len ? len : 1);
	int rc;

	err_clear(&e);
	memcpy(copy, data, len);
	cr_assert_eq(csv_open_mem(copy, len, "t.csv", &r, &e), 0);
	if (chunk)
		csv_set_chunk_size(r, chunk);
	cr_assert_null(csv_cells(r));
	while ((rc = csv_next(r, &e)) == 1) {
		const struct csv_cell *c = csv_cells(r);
		size_t i, n = csv_n_fields(r);
		cr_assert_not_null(c);
		buf_printf(out, "R%ld@%ld:", csv_record_number(r), csv_record_line(r));
		for (i = 0; i < n; i++) {
			cr_assert_eq(c[i].p, csv_field(r, i));
			cr_assert_eq(c[i].len, csv_field_len(r, i));
			cr_assert_eq(strlen(c[i].p), c[i].len);
			buf_printf(out, " %ld.%ld[%s]", csv_field_line(r, i), csv_field_col(r, i),
				   c[i].p);
		}
		buf_putc(out, '\n');
	}
	if (rc < 0)
		buf_printf(out, "ERROR %s\n", e.msg);
	else
		buf_puts(out, "END\n");
	cr_assert_null(csv_cells(r));
	csv_close(r);
	free(copy);
}

/* Records read in place (whole in a chunk: the default chunk) and by the
 * state machine (cut by chunk ends: small chunks) must agree on every
 * field, line and column, with quoted fields holding "" and line ends
 * across chunk ends, multi-byte characters before a field, CRLF, a BOM,
 * blank lines, and a last record without a line end. Chunk size 1 never
 * has a whole record in a chunk, so it is the reference. */
Test(csv, in_place_and_copied_records_agree_on_fields_and_positions)
{
	static const char *const inputs[] = {
		"\xEF\xBB\xBFid,name,note\r\n1,\"Smith, J\",\r\n2,\"say \"\"hi\"\"\",x\r\n"
		"\r\n3,\xC3\xA9\xE6\x97\xA5,\"\xF0\x9F\x98\x80\"\r\n4,\"two\r\nlines\",\"\"\n"
		"5,,\"\"\"\"\n\xC3\xA9,\"q\",\xE6\x97\xA5z\n\"a\",\"b\"\r\nlast,row",
		"a,b\n\"\"\"\",\"x\"\"y\"\"z\"\n\"p\nq\",r\n,\n\"\",\"\"\n",
		"x\r\ry\r\n\r\nz,\"\xC3\xA9\"\r",
		/* found by fuzz_csv: a record after a lone CR ended by LF was
		 * given the same line as the next record */
		"a\n\rB\n,\n",
	};
	static const size_t sizes[] = {0, 2, 3, 5, 7, 8, 11, 13, 16, 17, 31, 32, 64, 100};
	size_t i, k;
	for (i = 0; i < N_OF(inputs); i++) {
		size_t len = strlen(inputs[i]);
		struct buf want = BUF_INIT;
		render_positions(inputs[i], len, 1, &want);
		cr_assert_null(strstr(buf_str(&want), "ERROR"), "%s", buf_str(&want));
		for (k = 0; k < N_OF(sizes); k++) {
			struct buf got = BUF_INIT;
			render_positions(inputs[i], len, sizes[k], &got);
			cr_assert_str_eq(buf_str(&got), buf_str(&want), "input %zu, chunk %zu", i,
					 sizes[k]);
			buf_free(&got);
		}
		buf_free(&want);
	}
}

/* The fast path looks at the chunk in blocks of 64 bytes: quotes, commas
 * and line ends on either side of a block edge (a quoted field opened in
 * one block and closed in the next, a closing quote as a block's last
 * byte, a separator as its first), records longer than a block, and
 * records the state machine must take ("" inside, a line end inside
 * quotes, a stray quote, text after a closing quote) all read as they do
 * through the state machine (chunk size 1), every field, line and column,
 * whatever the shift of the records against the block edges. */
Test(csv, records_across_the_fast_paths_block_edges_read_as_the_state_machine_reads_them)
{
	static const char *const tails[] = {
		"a,\"b,c\",d\n\"\",x\r\ny,\"\"\n\"long quoted field, with commas, going past "
		"one block of sixty-four bytes\",z\n",
		"q,\"r\"\"s\",t\n\"u\nv\",w\r\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,"
		"20,21,22,23,24,25,26,27,28,29,30,31,32\n",
		"\"ab\"c,d\n",
		"ab\"c,d\n",
		"\xC3\xA9,\"\xE6\x97\xA5,\",\"\"\r\rlast",
	};
	size_t t, shift, k;
	for (t = 0; t < N_OF(tails); t++)
		for (shift = 0; shift < 140; shift++) {
			struct buf in = BUF_INIT, want = BUF_INIT;
			static const size_t sizes[] = {0, 64, 100};
			for (k = 0; k < shift; k++)
				buf_putc(&in, k % 10 == 9 ? ',' : 'p');
			buf_putc(&in, '\n');
			buf_puts(&in, tails[t]);
			render_positions(buf_str(&in), in.len, 1, &want);
			for (k = 0; k < N_OF(sizes); k++) {
				struct buf got = BUF_INIT;
				render_positions(buf_str(&in), in.len, sizes[k], &got);
				cr_assert_str_eq(buf_str(&got), buf_str(&want), "tail %zu, shift %zu, chunk %zu",
						 t, shift, sizes[k]);
				buf_free(&got);
			}
			buf_free(&in);
			buf_free(&want);
		}
}

/* Positions of fields read in place are worked out only when asked for:
 * columns count characters from the record's start, a quoted field starts
 * at its opening quote, and the record's line counts earlier multi-line
 * fields and CRLF once. */
Test(csv, in_place_positions_are_counted_on_demand)
{
	static const char in[] = "h1,h2,h3\r\n\"a\r\nb\",c,d\r\n\xC3\xA9\xC3\xA9,\"q,r\",\xE6\x97\xA5\r\n";
	struct csv_reader *r;
	struct err e;
	err_clear(&e);
	csv_open_mem(in, sizeof in - 1, "t.csv", &r, &e);
	cr_assert_eq(csv_next(r, &e), 1);
	cr_assert_eq(csv_next(r, &e), 1); /* copied: a line end in quotes */
	cr_assert_eq(csv_field_line(r, 2), 3);
	cr_assert_eq(csv_field_col(r, 2), 6);
	cr_assert_eq(csv_next(r, &e), 1); /* in place */
	cr_assert_eq(csv_record_line(r), 4);
	cr_assert_str_eq(csv_field(r, 1), "q,r");
	cr_assert_eq(csv_field_line(r, 0), 4);
	cr_assert_eq(csv_field_col(r, 0), 1);
	cr_assert_eq(csv_field_col(r, 1), 4);
	cr_assert_eq(csv_field_col(r, 2), 10);
	cr_assert_eq(csv_field_col(r, 2), 10, "asking twice gives the same");
	cr_assert_eq(csv_field_col(r, 3), 0);
	cr_assert_eq(csv_next(r, &e), 0);
	csv_close(r);
}

/* Errors met after records read in place keep their exact positions: the
 * fast path gives up at the bad record and the state machine reports it. */
Test(csv, errors_after_in_place_records_keep_their_positions)
{
	static const struct {
		const char *in, *where;
	} cases[] = {
		{"a,b\nc,d\n\xC3\xA9,x\"y\n", "t.csv:3:4: "},
		{"a,b\nc,d\n\"x\"y,z\n", "t.csv:3:4: "},
		{"a,b\r\nc,d\r\n\"x\"\"y\" ,z\r\n", "t.csv:3:7: "},
		{"a,b\nc,\"d\ne\n", "t.csv:2:3: "},
		{"a,b\nc,d\ne,\xFF\n", "t.csv:3:3: "},
	};
	size_t i, k;
	for (i = 0; i < N_OF(cases); i++) {
		for (k = 0; k < N_OF(chunk_sizes); k++) {
			struct buf out = BUF_INIT;
			struct err e;
			err_clear(&e);
			int rc = read_all(cases[i].in, strlen(cases[i].in), chunk_sizes[k], &out, &e);
			cr_assert_eq(rc, ERR_DATA, "case %zu chunk %zu", i, chunk_sizes[k]);
			cr_assert(strncmp(e.msg, cases[i].where, strlen(cases[i].where)) == 0,
				  "case %zu chunk %zu: got '%s'", i, chunk_sizes[k], e.msg);
			buf_free(&out);
		}
	}
}

/* A long file read in chunks of awkward sizes: records cut by every
 * chunk end (quoted fields with "" among them) read as in one chunk. */
Test(csv, many_records_across_chunk_ends_read_as_in_one_chunk)
{
	struct buf in = BUF_INIT, want = BUF_INIT;
	static const size_t sizes[] = {29, 64, 97, 1000};
	size_t k;
	long i;
	for (i = 0; i < 3000; i++)
		buf_printf(&in, "%ld,\"n %ld, \"\"q\"\"\",%s,\xC3\xA9%ld\r\n", i, i,
			   i % 7 ? "plain" : "\"multi\nline\"", i % 13);
	render_positions(buf_str(&in), in.len, 1, &want);
	for (k = 0; k < N_OF(sizes); k++) {
		struct buf got = BUF_INIT;
		render_positions(buf_str(&in), in.len, sizes[k], &got);
		cr_assert_str_eq(buf_str(&got), buf_str(&want), "chunk %zu", sizes[k]);
		buf_free(&got);
	}
	buf_free(&in);
	buf_free(&want);
}

/* csv_set_wanted (the duplicate check's second reading): with only the
 * first fields wanted, every record still has its full field count, the
 * wanted fields and their positions are as in a full reading, and every
 * error is found at the same place. */
Test(csv, wanted_fields_keep_counts_positions_and_errors)
{
	static const char *const inputs[] = {
		"id,a,b\nx1,2,3\n\xC3\xA9,\"q\",z\nx3,\"a\"\"b\",c\r\nx4,\"multi\nline\",9\nx5,,,,\nx6\n",
		"id,a,b\nx1,2,3\nx2,3\"4,5\n",
		"id,a,b\nx1,2,3\nx2,3,\xFF\n",
		"id,a,b\nx1,2,3\nx2,\"3\"x,5\n",
	};
	static const size_t sizes[] = {0, 1, 3, 7, 16, 64};
	size_t i, k, w;
	for (i = 0; i < N_OF(inputs); i++) {
		for (w = 1; w <= 2; w++) {
			for (k = 0; k < N_OF(sizes); k++) {
				struct csv_reader *full, *part;
				struct err e1, e2;
				int rc1, rc2;
				err_clear(&e1);
				err_clear(&e2);
				csv_open_mem(inputs[i], strlen(inputs[i]), "t.csv", &full, &e1);
				csv_open_mem(inputs[i], strlen(inputs[i]), "t.csv", &part, &e2);
				if (sizes[k]) {
					csv_set_chunk_size(full, sizes[k]);
					csv_set_chunk_size(part, sizes[k]);
				}
				csv_set_wanted(part, w);
				cr_assert_eq(csv_read_header(part, &e2), 0);
				cr_assert_eq(csv_n_header(part), 3, "the header is read whole");
				cr_assert_eq(csv_read_header(full, &e1), 0);
				while ((rc1 = csv_next(full, &e1)) == 1) {
					size_t f;
					cr_assert_eq(csv_next(part, &e2), 1);
					cr_assert_eq(csv_n_fields(part), csv_n_fields(full));
					cr_assert_eq(csv_record_line(part), csv_record_line(full));
					for (f = 0; f < w && f < csv_n_fields(full); f++) {
						cr_assert_str_eq(csv_field(part, f), csv_field(full, f));
						cr_assert_eq(csv_field_line(part, f), csv_field_line(full, f));
						cr_assert_eq(csv_field_col(part, f), csv_field_col(full, f));
					}
				}
				rc2 = csv_next(part, &e2);
				cr_assert_eq(rc2, rc1, "input %zu wanted %zu chunk %zu", i, w, sizes[k]);
				cr_assert_str_eq(e2.msg, e1.msg);
				csv_close(full);
				csv_close(part);
			}
		}
	}
}
