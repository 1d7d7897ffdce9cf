/*
 * svg: small, accessible SVG charts written inline into HTML pages and
 * reports. Three shapes: a forest plot (estimates with intervals on a log
 * axis around 1), horizontal percentage bars with an optional target line,
 * a line chart of values over labelled periods with a reference line, and
 * a series over periods with its interval band and a target line.
 *
 * Infrastructure: these writers know nothing of any domain; callers pass
 * labels and numbers. Every chart is one <svg> element with role="img",
 * an aria-label and a <title> (its accessible name), a viewBox so it
 * scales with the page, and a <title> on each mark so screen readers and
 * hover show the exact figure. No scripts, no external resources. Every
 * string is escaped with esc_html. Values that are NaN or infinite (and,
 * on the log axis, zero or negative) are skipped: the row or point is
 * kept with "n/a" where a number would be, but nothing is drawn for it.
 * Colours are from the GOV.UK palette and pass WCAG contrast on white:
 * blue #1d70b8 (marks), red #d4351c (highlighted marks), grey #505a5f
 * (muted marks and axes), black #0b0c0c (text).
 *
 * The writers append to a struct buf and never allocate anything the
 * caller must free; a buffer past its cap sets its sticky failed flag.
 */
#ifndef PARITY_RENDER_SVG_H
#define PARITY_RENDER_SVG_H

#include <stddef.h>

#include "core/buf.h"

/* One row of a forest plot. */
struct svg_forest_row {
	const char *label; /* shown at the left (cut with "…" when long; the
			      full text is in the row's <title>) */
	double est;	   /* the estimate; no marker unless finite and > 0 */
	double low, high;  /* its interval; no line unless both finite, > 0 */
	int highlight;	   /* 1: drawn in red, label in bold */
	int muted;	   /* 1: drawn in grey with a hollow marker (rows shown
			      but not assessed) */
	int rule_above;	   /* 1: a thin rule above the row, starting a new
			      block of rows */
};

/* A forest plot: one row per estimate, on a log-scale x axis that always
 * spans at least 0.5 to 2 and grows to hold the data (at most 1/32 to 32;
 * intervals beyond are cut and end in an arrowhead). A solid line marks 1,
 * a shaded band marks band_low..band_high, ticks are drawn at 0.1, 0.25,
 * 0.5, 0.8, 1, 1.25, 2, 4 and 10 where they fall inside the axis, and the
 * numbers "est (low–high)" (2 decimals) are printed at the right of each
 * row. Markers differ in shape as well as colour: a blue square, a red
 * diamond when highlighted, a hollow grey square when muted. */
struct svg_forest {
	const char *title;		  /* accessible name; NULL for "Chart" */
	const struct svg_forest_row *rows; /* in display order, top first */
	size_t n_rows;
	double band_low, band_high;	  /* shaded band; none unless both are
					     finite, > 0 and band_low < band_high */
	const char *axis_label;		  /* under the x axis; NULL for none */
};

/* Append the forest plot f to b. Does not allocate. */
void svg_forest(struct buf *b, const struct svg_forest *f);

/* One bar of a percentage bar chart. */
struct svg_bar {
	const char *label; /* at the left of the bar */
	double value;	   /* percentage, drawn clipped to 0..100; no bar
			      (and "n/a") when not finite */
	int highlight;	   /* 1: drawn in red */
	const char *note;  /* printed after the value ("below target"), or NULL;
			      give one whenever highlight is set, so the
			      colour is never the only cue */
};

/* Append a horizontal bar chart of percentages (axis 0 to 100%, ticks
 * every 25%) to b; value text "87.5%" after each bar. When target is
 * finite a dashed vertical line is drawn at it, labelled target_label
 * (NULL: "Target"). title is the accessible name (NULL: "Chart"). Does not
 * allocate. */
void svg_bars(struct buf *b, const char *title, const struct svg_bar *bars, size_t n_bars,
	      double target, const char *target_label);

/* One point of a line chart. */
struct svg_point {
	const char *label; /* period under the x axis ("2024 Q1") */
	double value;	   /* not drawn (and the line broken) when not finite */
};

/* Append a small line chart of points in order, evenly spaced, on a
 * linear y axis that holds every finite value and ref, with a solid
 * reference line at ref (none when ref is not finite) and each value
 * printed (2 decimals) above its point. title is the accessible name
 * (NULL: "Chart"). Does not allocate. */
void svg_line(struct buf *b, const char *title, const struct svg_point *points,
	      size_t n_points, double ref);


/* One point of a series. */
struct svg_series_point {
	const char *label; /* its period, under the x axis (broken onto two
			      lines at a space when long) and in its <title> */
	double value;	   /* not drawn (the line broken, "n/a") when not finite */
	double low, high;  /* its interval: shaded when both are finite */
};
/* A series over periods: the values joined by a line, broken where one
 * is missing, each a marker with a <title> giving the value and its
 * interval; the intervals of consecutive points as one shaded band (a
 * lone point's as a short shaded bar); a dashed target line with its
 * label; a linear y axis with gridlines at round steps that holds every
 * finite value, interval and the target (in percent: within 0 to 100, a
 * "%" after each number, one decimal; else: from 0 up, two decimals); a
 * legend saying what the line, the band and the dashes are, so that
 * colour is never the only cue. */
struct svg_series {
	const char *title;		     /* accessible name; NULL for "Chart" */
	const struct svg_series_point *points; /* oldest first */
	size_t n_points;
	double target;			     /* the dashed line; none when not finite */
	const char *target_label;	     /* "Target: at least 12%"; NULL: "Target" */
	int percent;			     /* 1: values are percentages */
	const char *band_label;		     /* the band in the legend; NULL: "95% interval" */
};
/* Append the series s to b. Does not allocate. */
void svg_series(struct buf *b, const struct svg_series *s);

#endif
