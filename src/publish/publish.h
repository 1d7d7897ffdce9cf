/*
 * publish: safe publication of the public equality tables — the public
 * face of the publication room. The site (its rooms) calls only this.
 * docs/publication.md says what is published and how it is protected.
 */
#ifndef PARITY_PUBLISH_H
#define PARITY_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/room.h"

/* The publication room (core/room.h): its commands, pages and navigation. */
extern const struct room publish_room;
/* Its commands (publish/cmd.c). */
extern const struct cli_command publish_commands[];

/* Safe publication of one two-way table of counts another room publishes
 * itself (publish/grid.c): counts[r * n_cols + c] for n_rows rows (units,
 * say) and n_cols columns (types), with its row totals, column totals and
 * grand total, protected as the public equality tables are
 * (docs/publication.md): a count from 1 to threshold - 1 is withheld, then
 * the fewest further cells (inner before totals, small before large) so
 * that no withheld one can be worked out from what is shown, checked by
 * linear programming on whole, non-negative counts. shown (n_rows * n_cols
 * + n_rows + n_cols + 1 entries) gets 1 for each cell to show and 0 for
 * each to withhold: the inner cells row by row, then the row totals, the
 * column totals and the grand total. The same table gives the same
 * answer every time. ERR_DATA when no pattern protects it. */
int publish_protect_grid(size_t n_rows, size_t n_cols, const int64_t *counts, int threshold,
			 uint8_t *shown, struct err *e);

/* An objective's measure (monitor.h) in each released period of its
 * dataset, computed from the released, disclosure-controlled tables only
 * (publish/measure.c; the public objectives page): share, rate, ratio and
 * completeness of the whole organisation, with no where filter — other
 * measures are never published (*n 0). A period whose release withheld a
 * count the measure needs has value NaN, numerator and denominator -1 and
 * no interval. Oldest first into *out (allocated, free it) and *n.
 * Reads only. */
struct monitor_measure;
struct monitor_measure_value;
struct sqlite3;
int publish_measure_values(struct sqlite3 *db, const struct monitor_measure *m,
			   struct monitor_measure_value **out, size_t *n, struct err *e);

#endif
