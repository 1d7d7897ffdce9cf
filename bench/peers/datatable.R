# bench/peers/datatable.R FILE.csv: the benchmark's core table with R
# data.table (Debian r-cran-data.table): fread, then for each characteristic
# one grouped sum by ldu and code, codes relabelled to parity's group names
# (ethnicity to its five groups), and the all-ldu rows added up from those.
# Prints the canonical tab-separated table (see parity_table.py), unsorted.
# data.table's defaults, threads included (getDTthreads()).
suppressPackageStartupMessages(library(data.table))
file <- commandArgs(trailingOnly = TRUE)[1]
outs <- c("referred", "started", "completed", "breached")
dt <- fread(file, select = c("ldu", "sex", "ethnicity", "religion", "disability",
                             "sexual_orientation", outs),
            colClasses = list(character = c("ldu", "sex", "ethnicity", "religion", "disability",
                                            "sexual_orientation"),
                              integer = outs),
            na.strings = NULL, showProgress = FALSE)
# recode(x, map): the values named in map replaced, "" as Missing, others kept.
recode <- function(x, map = character()) {
  y <- unname(map[x])
  fifelse(x == "", "Missing", fifelse(is.na(y), x, y))
}
relabel <- list(
  ethnicity = function(x) fifelse(x == "NS", "Not stated",
    recode(substr(x, 1, 1), c(W = "White", M = "Mixed", A = "Asian", B = "Black", O = "Other"))),
  sex = function(x) recode(x),
  disability = function(x) recode(x, c(Yes = "Disabled", No = "Not disabled")),
  religion = function(x) recode(x),
  sexual_orientation = function(x) recode(x, c(Heterosexual = "Heterosexual or straight",
    "Gay or Lesbian" = "Gay or lesbian", Other = "Other sexual orientation")))
res <- list()
for (ch in names(relabel)) {
  byldu <- dt[, c(list(n = .N), lapply(.SD, sum)), by = c("ldu", ch), .SDcols = outs]
  setnames(byldu, ch, "group")
  byldu[, group := relabel[[ch]](group)]
  byldu <- byldu[, lapply(.SD, sum), by = .(ldu, group), .SDcols = c("n", outs)]
  all <- byldu[, lapply(.SD, sum), by = group, .SDcols = c("n", outs)]
  res[[length(res) + 1]] <- cbind(unit = byldu$ldu, characteristic = ch, byldu[, !"ldu"])
  res[[length(res) + 1]] <- cbind(unit = "All", characteristic = ch, all)
}
fwrite(rbindlist(res), sep = "\t", quote = FALSE)
