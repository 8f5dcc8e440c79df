# Times R glmnet on one benchmark row and writes its path, for bench/cpu-vs-glmnet.ts.
#
# Usage: Rscript glmnet-runner.R <dir> <nSamples> <nFeatures> <gaussian|binomial> <warmups> <repeats>
#
# Reads   <dir>/X.bin  nSamples × nFeatures float64 little-endian, column-major (R's own layout)
#         <dir>/y.bin  nSamples float64 little-endian
# Writes  <dir>/lambda.bin  K float64 (glmnet's λ sequence, decreasing)
#         <dir>/a0.bin      K float64 intercepts
#         <dir>/beta.bin    nFeatures × K float64, column-major: column k holds β at λ_k (original scale)
#         <dir>/meta.txt    "key value" lines: K, median_ms, times_ms, glmnet_version
#
# Only the glmnet() call is timed. The clock is Sys.time() (microseconds): proc.time()'s
# elapsed is rounded to 1 ms, too coarse for the ~10 ms rows.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 6) {
  stop("usage: Rscript glmnet-runner.R <dir> <nSamples> <nFeatures> <family> <warmups> <repeats>")
}
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
family <- args[4]
warmups <- as.integer(args[5])
repeats <- as.integer(args[6])

suppressPackageStartupMessages(library(glmnet))

read_doubles <- function(name, count) {
  con <- file(file.path(dir, name), "rb")
  on.exit(close(con))
  values <- readBin(con, "double", n = count, size = 8, endian = "little")
  if (length(values) != count) stop(sprintf("%s: read %d values, expected %d", name, length(values), count))
  values
}
write_doubles <- function(name, values) {
  con <- file(file.path(dir, name), "wb")
  on.exit(close(con))
  writeBin(as.double(values), con, size = 8, endian = "little")
}

X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- read_doubles("y.bin", n)

run <- function() glmnet(X, y, family = family, alpha = 1, standardize = TRUE)

for (r in seq_len(warmups)) invisible(run())

times_ms <- numeric(repeats)
fit <- NULL
for (r in seq_len(repeats)) {
  fit <- NULL
  invisible(gc(verbose = FALSE))
  start <- Sys.time()
  fit <- run()
  times_ms[r] <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
}

K <- length(fit$lambda)
write_doubles("lambda.bin", fit$lambda)
write_doubles("a0.bin", as.numeric(fit$a0))
write_doubles("beta.bin", as.matrix(fit$beta))  # dense p × K, column-major

writeLines(c(
  sprintf("K %d", K),
  sprintf("median_ms %.6f", median(times_ms)),
  sprintf("times_ms %s", paste(sprintf("%.6f", times_ms), collapse = ",")),
  sprintf("glmnet_version %s", as.character(packageVersion("glmnet")))
), file.path(dir, "meta.txt"))
