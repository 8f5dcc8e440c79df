# Times R glmnet on one sparse benchmark row (a dgCMatrix, R's Matrix package) and writes its
# path, for bench/sparse.ts.
#
# Usage: Rscript glmnet-sparse-runner.R <dir> <nSamples> <nFeatures> <gaussian|binomial> <repeats>
#
# Reads   <dir>/indptr.bin   nFeatures + 1 int32 little-endian (CSC column offsets, 0-based)
#         <dir>/indices.bin  nnz int32 (row indices, 0-based, ascending within each column)
#         <dir>/values.bin   nnz float64
#         <dir>/y.bin        nSamples float64
# Writes  <dir>/lambda.bin   K float64 (glmnet's λ sequence, decreasing)
#         <dir>/a0.bin       K float64 intercepts
#         <dir>/beta_i.bin, beta_k.bin  int32 (0-based feature, λ index) and beta_x.bin float64: β's nonzeros
#         <dir>/meta.txt     "key value" lines: K, first_ms and first_cpu_ms (the first glmnet() call of this
#                            process: wall clock, and CPU time user + system), median_ms, times_ms and cpu_ms
#                            (the warm calls after it), glmnet_version
#
# Only the glmnet() calls are timed (Sys.time, microseconds); building the dgCMatrix is not.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript glmnet-sparse-runner.R <dir> <nSamples> <nFeatures> <family> <repeats>")
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
family <- args[4]
repeats <- as.integer(args[5])

suppressPackageStartupMessages({
  library(Matrix)
  library(glmnet)
})

read_bin <- function(name, what, count, size) {
  con <- file(file.path(dir, name), "rb")
  on.exit(close(con))
  values <- readBin(con, what, n = count, size = size, endian = "little")
  if (length(values) != count) stop(sprintf("%s: read %d values, expected %d", name, length(values), count))
  values
}
write_bin <- function(name, values, size) {
  con <- file(file.path(dir, name), "wb")
  on.exit(close(con))
  writeBin(values, con, size = size, endian = "little")
}

indptr <- read_bin("indptr.bin", "integer", p + 1, 4)
nnz <- indptr[p + 1]
X <- sparseMatrix(i = read_bin("indices.bin", "integer", nnz, 4), p = indptr,
                  x = read_bin("values.bin", "double", nnz, 8), dims = c(n, p), index1 = FALSE)
y <- read_bin("y.bin", "double", n, 8)

run <- function() glmnet(X, y, family = family, alpha = 1, standardize = TRUE)
cpu_s <- function() {
  t <- proc.time()
  t[["user.self"]] + t[["sys.self"]]
}
time_run <- function() {
  invisible(gc(verbose = FALSE))
  cpu0 <- cpu_s()
  start <- Sys.time()
  fit <- run()
  list(fit = fit, ms = as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000, cpu_ms = (cpu_s() - cpu0) * 1000)
}

first <- time_run()
fit <- first$fit
times_ms <- numeric(repeats)
cpu_ms <- numeric(repeats)
for (r in seq_len(repeats)) {
  fit <- NULL
  timed <- time_run()
  fit <- timed$fit
  times_ms[r] <- timed$ms
  cpu_ms[r] <- timed$cpu_ms
}

K <- length(fit$lambda)
write_bin("lambda.bin", as.double(fit$lambda), 8)
write_bin("a0.bin", as.double(fit$a0), 8)
nz <- summary(as(fit$beta, "CsparseMatrix"))  # i (feature), j (λ index), x, 1-based
write_bin("beta_i.bin", as.integer(nz$i - 1L), 4)
write_bin("beta_k.bin", as.integer(nz$j - 1L), 4)
write_bin("beta_x.bin", as.double(nz$x), 8)

writeLines(c(
  sprintf("K %d", K),
  sprintf("first_ms %.6f", first$ms),
  sprintf("first_cpu_ms %.6f", first$cpu_ms),
  sprintf("cpu_ms %s", paste(sprintf("%.6f", cpu_ms), collapse = ",")),
  sprintf("median_ms %.6f", if (repeats > 0) median(times_ms) else NA),
  sprintf("times_ms %s", paste(sprintf("%.6f", times_ms), collapse = ",")),
  sprintf("glmnet_version %s", as.character(packageVersion("glmnet")))
), file.path(dir, "meta.txt"))
