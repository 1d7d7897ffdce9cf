/*
 * svg: the inline SVG chart writers (see svg.h). Layout is computed here
 * in user units of the viewBox; the page's CSS scales the whole chart.
 * Text widths are estimated from the number of characters (there is no
 * font engine here), generously enough for Arial at 13px; long labels are
 * cut on a UTF-8 character boundary and keep their full text in <title>.
 */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/escape.h"
#include "core/str.h"

#define FONT_SIZE 13
#define CHAR_W 7.0 /* estimated width of one character at FONT_SIZE */

#define C_TEXT "#0b0c0c"
#define C_BLUE "#1d70b8"
#define C_RED "#d4351c"
#define C_GREY "#505a5f"
#define C_LINE "#b1b4b6"

/* Characters (UTF-8 code points) in s. */
static size_t n_chars(const char *s)
{
	size_t n = 0;
	if (!s)
		return 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Append s escaped, cut to at most max characters ("…" included). */
static void put_cut(struct buf *b, const char *s, size_t max)
{
	struct buf t = BUF_INIT;
	int cut = 0, len;
	if (!s)
		return;
	if (max < 2)
		max = 2;
	if (n_chars(s) <= max) {
		esc_html(b, s);
		return;
	}
	len = str_utf8_prefix(s, max - 1, &cut);
	buf_append(&t, s, (size_t)len);
	esc_html(b, buf_str(&t));
	buf_puts(b, "\xe2\x80\xa6");
	buf_free(&t);
}

/* The opening <svg> with its accessible name, and its <title>. */
static void open_svg(struct buf *b, const char *title, double w, double h)
{
	if (!title || !*title)
		title = "Chart";
	buf_printf(b,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
		   "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		   "font-family=\"Arial, Helvetica, sans-serif\" font-size=\"%d\" fill=\"%s\" "
		   "aria-label=\"",
		   w, h, w, h, FONT_SIZE, C_TEXT);
	esc_html(b, title);
	buf_puts(b, "\"><title>");
	esc_html(b, title);
	buf_puts(b, "</title>\n");
}

/* "1.40" into out; "n/a" when not finite. */
static void fmt2(char *out, size_t n, double v)
{
	if (isfinite(v))
		snprintf(out, n, "%.2f", v);
	else
		snprintf(out, n, "n/a");
}

/* Width for a label column holding the longest of the labels. */
static double label_width(size_t longest, double lo, double hi)
{
	double w = (double)longest * CHAR_W + 14;
	return w < lo ? lo : w > hi ? hi : w;
}

/* ---------------------------------------------------------- forest plot */

#define FP_W 960.0
#define FP_ROW 24.0
#define FP_TOP 10.0
#define FP_NUM_W 130.0 /* right column for "1.40 (1.20–1.60)" */
#define FP_MIN 0.03125
#define FP_MAX 32.0

static int pos(double v)
{
	return isfinite(v) && v > 0;
}

struct logaxis {
	double lo, hi;	/* values at x0 and x1 */
	double x0, x1;	/* user units */
};

static double lx(const struct logaxis *a, double v)
{
	if (v < a->lo)
		v = a->lo;
	if (v > a->hi)
		v = a->hi;
	return a->x0 + (log(v) - log(a->lo)) / (log(a->hi) - log(a->lo)) * (a->x1 - a->x0);
}

static void widen(double *lo, double *hi, double v)
{
	if (!pos(v))
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* A small arrowhead at x, pointing left (dir -1) or right (dir 1). */
static void arrow(struct buf *b, double x, double y, int dir, const char *colour)
{
	buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y - 4,
		   x + dir * 6.0, y, x, y + 4, colour);
}

void svg_forest(struct buf *b, const struct svg_forest *f)
{
	static const double ticks[] = {0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 10};
	struct logaxis ax = {0.5, 2.0, 0, 0};
	size_t i, longest = 0, max_chars;
	double labw, h, axis_y;
	int band = pos(f->band_low) && pos(f->band_high) && f->band_low < f->band_high;

	for (i = 0; i < f->n_rows; i++) {
		const struct svg_forest_row *r = &f->rows[i];
		size_t n = n_chars(r->label);
		if (n > longest)
			longest = n;
		widen(&ax.lo, &ax.hi, r->est);
		if (pos(r->low) && pos(r->high)) {
			widen(&ax.lo, &ax.hi, r->low);
			widen(&ax.lo, &ax.hi, r->high);
		}
	}
	if (band) {
		widen(&ax.lo, &ax.hi, f->band_low);
		widen(&ax.lo, &ax.hi, f->band_high);
	}
	ax.lo /= 1.08;
	ax.hi *= 1.08;
	if (ax.lo < FP_MIN)
		ax.lo = FP_MIN;
	if (ax.hi > FP_MAX)
		ax.hi = FP_MAX;
	labw = label_width(longest, 90, 300);
	max_chars = (size_t)((labw - 14) / CHAR_W);
	ax.x0 = labw + 8;
	ax.x1 = FP_W - FP_NUM_W - 12;
	axis_y = FP_TOP + (double)f->n_rows * FP_ROW + 4;
	h = axis_y + 24 + (f->axis_label ? 20 : 0) + 4;

	open_svg(b, f->title, FP_W, h);
	if (band) {
		double bx0 = lx(&ax, f->band_low), bx1 = lx(&ax, f->band_high);
		buf_printf(b,
			   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			   "fill=\"" C_BLUE "\" fill-opacity=\"0.12\"><title>Band %g to %g"
			   "</title></rect>\n",
			   bx0, FP_TOP - 4, bx1 - bx0, axis_y - FP_TOP + 4, f->band_low,
			   f->band_high);
	}
	/* axis, ticks, grid */
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GREY "\"/>\n",
		   ax.x0, axis_y, ax.x1, axis_y);
	for (i = 0; i < sizeof ticks / sizeof ticks[0]; i++) {
		double t = ticks[i], x;
		if (t < ax.lo || t > ax.hi)
			continue;
		x = lx(&ax, t);
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>"
			   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY
			   "\">%g</text>\n",
			   x, t == 1 ? FP_TOP - 4 : axis_y, x, axis_y + 5,
			   t == 1 ? C_TEXT : C_GREY, t == 1 ? " stroke-width=\"1.5\"" : "", x,
			   axis_y + 19, t);
	}
	if (f->axis_label) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			   (ax.x0 + ax.x1) / 2, axis_y + 38);
		esc_html(b, f->axis_label);
		buf_puts(b, "</text>\n");
	}
	/* rows */
	for (i = 0; i < f->n_rows; i++) {
		const struct svg_forest_row *r = &f->rows[i];
		const char *col = r->highlight ? C_RED : r->muted ? C_GREY : C_BLUE;
		double y = FP_TOP + (double)i * FP_ROW + FP_ROW / 2;
		char e[32], lo[32], hi[32];
		int ci = pos(r->low) && pos(r->high);

		fmt2(e, sizeof e, r->est);
		fmt2(lo, sizeof lo, r->low);
		fmt2(hi, sizeof hi, r->high);
		buf_puts(b, "<g><title>");
		esc_html(b, r->label);
		buf_puts(b, ": ");
		esc_html(b, e);
		if (ci) {
			buf_puts(b, " (");
			esc_html(b, lo);
			buf_puts(b, " to ");
			esc_html(b, hi);
			buf_puts(b, ")");
		}
		buf_puts(b, "</title>");
		if (i % 2 == 1)
			buf_printf(b,
				   "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
				   "fill=\"#f3f2f1\" fill-opacity=\"0.6\"/>",
				   y - FP_ROW / 2, FP_W, FP_ROW);
		if (r->rule_above && i > 0)
			buf_printf(b,
				   "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" "
				   "stroke=\"" C_LINE "\"/>",
				   y - FP_ROW / 2, FP_W, y - FP_ROW / 2);
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\"%s%s>", labw,
			   y + 4, r->highlight ? " font-weight=\"bold\"" : "",
			   r->muted ? " fill=\"" C_GREY "\"" : "");
		put_cut(b, r->label, max_chars);
		buf_puts(b, "</text>");
		if (ci) {
			double x0 = lx(&ax, r->low), x1 = lx(&ax, r->high);
			buf_printf(b,
				   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				   "stroke=\"%s\" stroke-width=\"2\"/>",
				   x0, y, x1, y, col);
			if (r->low < ax.lo)
				arrow(b, x0, y, -1, col);
			if (r->high > ax.hi)
				arrow(b, x1, y, 1, col);
		}
		if (pos(r->est) && r->est >= ax.lo && r->est <= ax.hi) {
			double x = lx(&ax, r->est);
			if (r->highlight)
				buf_printf(b,
					   "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
					   "fill=\"%s\"/>",
					   x, y - 7, x + 7, y, x, y + 7, x - 7, y, col);
			else if (r->muted)
				buf_printf(b,
					   "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" "
					   "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>",
					   x - 4.5, y - 4.5, col);
			else
				buf_printf(b,
					   "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" "
					   "fill=\"%s\"/>",
					   x - 5, y - 5, col);
		}
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", FP_W - FP_NUM_W, y + 4,
			   r->highlight ? " font-weight=\"bold\"" : "",
			   r->muted ? " fill=\"" C_GREY "\"" : "");
		esc_html(b, e);
		if (ci) {
			buf_puts(b, " (");
			esc_html(b, lo);
			buf_puts(b, "\xe2\x80\x93");
			esc_html(b, hi);
			buf_puts(b, ")");
		}
		buf_puts(b, "</text></g>\n");
	}
	buf_puts(b, "</svg>\n");
}

/* ------------------------------------------------------------ bar chart */

#define BC_W 760.0
#define BC_ROW 26.0
#define BC_TOP 22.0
#define BC_NUM_W 170.0

void svg_bars(struct buf *b, const char *title, const struct svg_bar *bars, size_t n_bars,
	      double target, const char *target_label)
{
	size_t i, longest = 0, max_chars;
	double labw, x0, x1, axis_y, h;
	int t;

	for (i = 0; i < n_bars; i++)
		if (n_chars(bars[i].label) > longest)
			longest = n_chars(bars[i].label);
	labw = label_width(longest, 60, 240);
	max_chars = (size_t)((labw - 14) / CHAR_W);
	x0 = labw + 8;
	x1 = BC_W - BC_NUM_W;
	axis_y = BC_TOP + (double)n_bars * BC_ROW + 4;
	h = axis_y + 26;

	open_svg(b, title, BC_W, h);
	for (t = 0; t <= 100; t += 25) {
		double x = x0 + (x1 - x0) * t / 100.0;
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_LINE
			   "\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY
			   "\">%d%%</text>\n",
			   x, BC_TOP - 4, x, axis_y + 4, x, axis_y + 19, t);
	}
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GREY "\"/>\n",
		   x0, axis_y, x1, axis_y);
	for (i = 0; i < n_bars; i++) {
		const struct svg_bar *r = &bars[i];
		double y = BC_TOP + (double)i * BC_ROW;
		char v[32];
		if (isfinite(r->value))
			snprintf(v, sizeof v, "%.1f%%", r->value);
		else
			snprintf(v, sizeof v, "n/a");
		buf_puts(b, "<g><title>");
		esc_html(b, r->label);
		buf_puts(b, ": ");
		esc_html(b, v);
		if (r->note) {
			buf_puts(b, ", ");
			esc_html(b, r->note);
		}
		buf_puts(b, "</title>");
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", labw,
			   y + BC_ROW / 2 + 4);
		put_cut(b, r->label, max_chars);
		buf_puts(b, "</text>");
		if (isfinite(r->value)) {
			double val = r->value < 0 ? 0 : r->value > 100 ? 100 : r->value;
			double w = (x1 - x0) * val / 100.0;
			buf_printf(b,
				   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				   "fill=\"%s\"/>",
				   x0, y + 4, w, BC_ROW - 8, r->highlight ? C_RED : C_BLUE);
		}
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s>", x1 + 8, y + BC_ROW / 2 + 4,
			   r->highlight ? " font-weight=\"bold\"" : "");
		esc_html(b, v);
		if (r->note) {
			buf_puts(b, " ");
			esc_html(b, r->note);
		}
		buf_puts(b, "</text></g>\n");
	}
	if (isfinite(target)) {
		double tv = target < 0 ? 0 : target > 100 ? 100 : target;
		double x = x0 + (x1 - x0) * tv / 100.0;
		char v[32];
		snprintf(v, sizeof v, " %g%%", target);
		buf_puts(b, "<g><title>");
		esc_html(b, target_label ? target_label : "Target");
		esc_html(b, v);
		buf_printf(b,
			   "</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"" C_TEXT "\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
			   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\">",
			   x, BC_TOP - 6, x, axis_y, x, BC_TOP - 9);
		esc_html(b, target_label ? target_label : "Target");
		esc_html(b, v);
		buf_puts(b, "</text></g>\n");
	}
	buf_puts(b, "</svg>\n");
}

/* ----------------------------------------------------------- line chart */

#define LC_H 200.0
#define LC_LEFT 48.0
#define LC_TOP 24.0
#define LC_BOTTOM 40.0
#define LC_STEP 84.0

void svg_line(struct buf *b, const char *title, const struct svg_point *points,
	      size_t n_points, double ref)
{
	double lo = INFINITY, hi = -INFINITY, w, x0, y0, y1, step, pad;
	size_t i, longest = 0;
	int open = 0;

	for (i = 0; i < n_points; i++) {
		double v = points[i].value;
		if (n_chars(points[i].label) > longest)
			longest = n_chars(points[i].label);
		if (!isfinite(v))
			continue;
		if (v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	if (isfinite(ref)) {
		if (ref < lo)
			lo = ref;
		if (ref > hi)
			hi = ref;
	}
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	pad = (hi - lo) * 0.25;
	if (pad < 0.1)
		pad = 0.1;
	lo -= pad;
	hi += pad;
	step = (double)longest * CHAR_W + 16;
	if (step < LC_STEP)
		step = LC_STEP;
	w = LC_LEFT + step * (double)(n_points ? n_points : 1) + 16;
	if (w < 320)
		w = 320;
	x0 = LC_LEFT + step / 2;
	y0 = LC_H - LC_BOTTOM; /* value lo */
	y1 = LC_TOP;	       /* value hi */

	open_svg(b, title, w, LC_H);
#define LY(v) (y0 - ((v) - lo) / (hi - lo) * (y0 - y1))
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GREY "\"/>\n",
		   LC_LEFT, y0, w - 8, y0);
	if (isfinite(ref)) {
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT
			   "\" stroke-width=\"1.5\"/><text x=\"%.1f\" y=\"%.1f\" "
			   "text-anchor=\"end\" fill=\"" C_GREY "\">%g</text>\n",
			   LC_LEFT, LY(ref), w - 8, LY(ref), LC_LEFT - 6, LY(ref) + 4, ref);
	}
	/* the line, broken where a value is missing */
	for (i = 0; i < n_points; i++) {
		double v = points[i].value, x = x0 + step * (double)i;
		if (!isfinite(v)) {
			if (open)
				buf_puts(b, "\"/>\n");
			open = 0;
			continue;
		}
		if (!open)
			buf_printf(b, "<polyline fill=\"none\" stroke=\"" C_BLUE
				      "\" stroke-width=\"2\" points=\"");
		buf_printf(b, "%s%.1f,%.1f", open ? " " : "", x, LY(v));
		open = 1;
	}
	if (open)
		buf_puts(b, "\"/>\n");
	for (i = 0; i < n_points; i++) {
		double v = points[i].value, x = x0 + step * (double)i;
		char s[32];
		fmt2(s, sizeof s, v);
		buf_puts(b, "<g><title>");
		esc_html(b, points[i].label);
		buf_puts(b, ": ");
		esc_html(b, s);
		buf_puts(b, "</title>");
		if (isfinite(v))
			/* the value above its point, or below it when under ref,
			 * so it stays clear of the reference line */
			buf_printf(b,
				   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"" C_BLUE "\"/>"
				   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
				   x, LY(v), x,
				   isfinite(ref) && v < ref ? LY(v) + 18 : LY(v) - 9);
		else
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY "\">",
				   x, y0 - 8);
		esc_html(b, s);
		buf_printf(b, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY "\">",
			   x, y0 + 18);
		esc_html(b, points[i].label);
		buf_puts(b, "</text></g>\n");
	}
#undef LY
	buf_puts(b, "</svg>\n");
}

/* --------------------------------------------------------------- series */

#define SR_LEFT 60.0   /* room for the y axis' numbers */
#define SR_RIGHT 20.0
#define SR_STEP 96.0   /* least room for one period */
#define SR_PLOT_H 190.0
#define SR_LABEL_H 44.0 /* two lines of period under the axis */
#define SR_LEGEND_ROW 22.0
#define SR_MIN_W 640.0
#define SR_SPLIT 12	/* labels longer than this many characters take two lines */

/* A value for a series' reader: "12.4%" or "1.25"; "n/a" when not finite. */
static void fmt_series(char *out, size_t n, double v, int percent)
{
	if (!isfinite(v))
		snprintf(out, n, "n/a");
	else if (percent)
		snprintf(out, n, "%.1f%%", v);
	else
		snprintf(out, n, "%.2f", v);
}

/* Where to break a long label onto two lines: the index of the space
 * nearest its middle (by bytes), or 0 when it stays on one line. */
static size_t split_at(const char *s)
{
	size_t len, i, best = 0, mid;
	if (!s || n_chars(s) <= SR_SPLIT)
		return 0;
	len = strlen(s);
	mid = len / 2;
	for (i = 1; i + 1 < len; i++)
		if (s[i] == ' ' && (!best || (i > mid ? i - mid : mid - i) <
						     (best > mid ? best - mid : mid - best)))
			best = i;
	return best;
}

/* Characters of the longer line of label once split. */
static size_t label_line_chars(const char *s)
{
	struct buf t = BUF_INIT;
	size_t at = split_at(s), a, b2;
	if (!at)
		return n_chars(s);
	buf_append(&t, s, at);
	a = n_chars(buf_str(&t));
	b2 = n_chars(s + at + 1);
	buf_free(&t);
	return a > b2 ? a : b2;
}

/* The period label under the axis at x, on one line or two. */
static void series_label(struct buf *b, const char *s, double x, double y)
{
	struct buf t = BUF_INIT;
	size_t at = split_at(s);
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY "\">", x,
		   y);
	if (!at) {
		put_cut(b, s, 30);
	} else {
		buf_append(&t, s, at);
		buf_printf(b, "<tspan x=\"%.1f\">", x);
		put_cut(b, buf_str(&t), 30);
		buf_printf(b, "</tspan><tspan x=\"%.1f\" dy=\"16\">", x);
		put_cut(b, s + at + 1, 30);
		buf_puts(b, "</tspan>");
	}
	buf_puts(b, "</text>\n");
	buf_free(&t);
}

struct series_axis {
	double lo, hi, step; /* values at the bottom and top; between gridlines */
	double y0, y1;	     /* user units of lo and hi */
	int decimals;	     /* of the axis' numbers */
};

static double sy(const struct series_axis *a, double v)
{
	if (v < a->lo)
		v = a->lo;
	if (v > a->hi)
		v = a->hi;
	return a->y0 - (v - a->lo) / (a->hi - a->lo) * (a->y0 - a->y1);
}

static void series_widen(double *lo, double *hi, double v)
{
	if (!isfinite(v))
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* The y axis: every finite number of s, padded, on round steps. */
static void series_scale(const struct svg_series *s, struct series_axis *a)
{
	double lo = INFINITY, hi = -INFINITY, pad, raw, mag, f;
	size_t i;
	for (i = 0; i < s->n_points; i++) {
		series_widen(&lo, &hi, s->points[i].value);
		if (isfinite(s->points[i].low) && isfinite(s->points[i].high)) {
			series_widen(&lo, &hi, s->points[i].low);
			series_widen(&lo, &hi, s->points[i].high);
		}
	}
	series_widen(&lo, &hi, s->target);
	if (!isfinite(lo)) {
		lo = 0;
		hi = s->percent ? 100 : 2;
	}
	pad = (hi - lo) * 0.1;
	if (pad < (s->percent ? 1.0 : 0.05))
		pad = s->percent ? 1.0 : 0.05;
	/* padding never takes the axis below 0 or a percentage above 100
	 * unless a number itself is there (a pay gap may be negative) */
	lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
	hi = s->percent && hi <= 100 && hi + pad > 100 ? 100 : hi + pad;
	raw = (hi - lo) / 4;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	a->step = mag * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
	a->lo = floor(lo / a->step + 1e-9) * a->step;
	a->hi = ceil(hi / a->step - 1e-9) * a->step;
	if (a->hi <= a->lo)
		a->hi = a->lo + a->step;
	a->decimals = a->step >= 1 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
}

/* One legend entry at (*x, *y), wrapping to a new row past width w. */
static void legend_item(struct buf *b, const char *kind, const char *label, double w, double *x,
			double *y)
{
	double need = 34 + (double)n_chars(label) * CHAR_W + 18;
	if (*x > 10 && *x + need > w - 6) {
		*x = 10;
		*y += SR_LEGEND_ROW;
	}
	if (!strcmp(kind, "line"))
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_BLUE
			   "\" stroke-width=\"2\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" C_BLUE
			   "\"/>",
			   *x, *y - 4, *x + 26, *y - 4, *x + 13, *y - 4);
	else if (!strcmp(kind, "band"))
		buf_printf(b,
			   "<rect x=\"%.1f\" y=\"%.1f\" width=\"26\" height=\"12\" fill=\"" C_BLUE
			   "\" fill-opacity=\"0.18\"/>",
			   *x, *y - 10);
	else
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TEXT
			   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
			   *x, *y - 4, *x + 26, *y - 4);
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", *x + 34, *y);
	esc_html(b, label);
	buf_puts(b, "</text>\n");
	*x += need;
}

static int has_band(const struct svg_series_point *p)
{
	return isfinite(p->low) && isfinite(p->high);
}

/* The shaded intervals: one polygon per run of consecutive points with
 * an interval, a short bar for a point on its own. */
static void series_band(struct buf *b, const struct svg_series *s, const struct series_axis *a,
			double x0, double step)
{
	size_t i = 0, j, k;
	while (i < s->n_points) {
		if (!has_band(&s->points[i])) {
			i++;
			continue;
		}
		for (j = i; j + 1 < s->n_points && has_band(&s->points[j + 1]); j++)
			;
		if (j == i) {
			buf_printf(b,
				   "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"%.1f\" fill=\""
				   C_BLUE "\" fill-opacity=\"0.18\"/>\n",
				   x0 + step * (double)i - 8, sy(a, s->points[i].high),
				   sy(a, s->points[i].low) - sy(a, s->points[i].high));
		} else {
			buf_puts(b, "<polygon fill=\"" C_BLUE "\" fill-opacity=\"0.18\" points=\"");
			for (k = i; k <= j; k++)
				buf_printf(b, "%s%.1f,%.1f", k == i ? "" : " ", x0 + step * (double)k,
					   sy(a, s->points[k].high));
			for (k = j + 1; k-- > i;)
				buf_printf(b, " %.1f,%.1f", x0 + step * (double)k,
					   sy(a, s->points[k].low));
			buf_puts(b, "\"/>\n");
		}
		i = j + 1;
	}
}

void svg_series(struct buf *b, const struct svg_series *s)
{
	struct series_axis ax;
	const char *tl = s->target_label && *s->target_label ? s->target_label : "Target";
	const char *bl = s->band_label && *s->band_label ? s->band_label : "95% interval";
	size_t i, longest = 0;
	double w, h, step, x0, lx_, ly_, top, t;
	int open = 0, any_band = 0, target = isfinite(s->target);
	char v[32], lo[32], hi[32];

	for (i = 0; i < s->n_points; i++) {
		size_t c = label_line_chars(s->points[i].label);
		if (c > longest)
			longest = c;
		any_band |= has_band(&s->points[i]);
	}
	step = (double)longest * CHAR_W + 16;
	if (step < SR_STEP)
		step = SR_STEP;
	w = SR_LEFT + step * (double)(s->n_points ? s->n_points : 1) + SR_RIGHT;
	if (w < SR_MIN_W) { /* a few periods spread over the least width */
		w = SR_MIN_W;
		step = (w - SR_LEFT - SR_RIGHT) / (double)(s->n_points ? s->n_points : 1);
	}
	x0 = SR_LEFT + step / 2;
	/* the legend's rows, counted before anything is drawn */
	{
		struct buf dry = BUF_INIT;
		lx_ = 10;
		ly_ = 18;
		legend_item(&dry, "line", "Value", w, &lx_, &ly_);
		if (any_band)
			legend_item(&dry, "band", bl, w, &lx_, &ly_);
		if (target)
			legend_item(&dry, "target", tl, w, &lx_, &ly_);
		buf_free(&dry);
	}
	top = ly_ + 18;
	h = top + SR_PLOT_H + SR_LABEL_H;
	series_scale(s, &ax);
	ax.y1 = top;
	ax.y0 = top + SR_PLOT_H;

	open_svg(b, s->title, w, h);
	lx_ = 10;
	ly_ = 18;
	legend_item(b, "line", "Value", w, &lx_, &ly_);
	if (any_band)
		legend_item(b, "band", bl, w, &lx_, &ly_);
	if (target)
		legend_item(b, "target", tl, w, &lx_, &ly_);
	/* gridlines and the axis' numbers */
	for (t = ax.lo; t <= ax.hi + ax.step / 2; t += ax.step) {
		double y = sy(&ax, t);
		buf_printf(b,
			   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
			   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"" C_GREY "\">%.*f%s"
			   "</text>\n",
			   SR_LEFT, y, w - SR_RIGHT, y, t == ax.lo ? C_GREY : C_LINE, SR_LEFT - 6,
			   y + 4, ax.decimals, t, s->percent ? "%" : "");
	}
	if (any_band)
		series_band(b, s, &ax, x0, step);
	if (target) {
		double y = sy(&ax, s->target);
		buf_puts(b, "<g><title>");
		esc_html(b, tl);
		buf_printf(b,
			   "</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\""
			   C_TEXT "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/></g>\n",
			   SR_LEFT, y, w - SR_RIGHT, y);
	}
	/* the line, broken where a value is missing */
	for (i = 0; i < s->n_points; i++) {
		double val = s->points[i].value, x = x0 + step * (double)i;
		if (!isfinite(val)) {
			if (open)
				buf_puts(b, "\"/>\n");
			open = 0;
			continue;
		}
		if (!open)
			buf_puts(b, "<polyline fill=\"none\" stroke=\"" C_BLUE
				    "\" stroke-width=\"2\" points=\"");
		buf_printf(b, "%s%.1f,%.1f", open ? " " : "", x, sy(&ax, val));
		open = 1;
	}
	if (open)
		buf_puts(b, "\"/>\n");
	/* each point, its <title>, its period */
	for (i = 0; i < s->n_points; i++) {
		const struct svg_series_point *p = &s->points[i];
		double x = x0 + step * (double)i;
		fmt_series(v, sizeof v, p->value, s->percent);
		buf_puts(b, "<g><title>");
		esc_html(b, p->label ? p->label : "");
		buf_puts(b, ": ");
		esc_html(b, v);
		if (isfinite(p->value) && has_band(p)) {
			fmt_series(lo, sizeof lo, p->low, s->percent);
			fmt_series(hi, sizeof hi, p->high, s->percent);
			buf_puts(b, " (");
			esc_html(b, bl);
			buf_puts(b, " ");
			esc_html(b, lo);
			buf_puts(b, " to ");
			esc_html(b, hi);
			buf_puts(b, ")");
		}
		buf_puts(b, "</title>");
		if (isfinite(p->value))
			buf_printf(b,
				   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"" C_BLUE
				   "\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
				   x, sy(&ax, p->value));
		else
			buf_printf(b,
				   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_GREY
				   "\">n/a</text>",
				   x, ax.y0 - 8);
		buf_puts(b, "</g>\n");
		series_label(b, p->label, x, ax.y0 + 18);
	}
	buf_puts(b, "</svg>\n");
}
