# Times R's cv.glmnet on one benchmark row, for bench/cv.ts.
#
# Usage: Rscript cv-glmnet-runner.R <dir> <nSamples> <nFeatures> <gaussian|binomial> <repeats>
#
# Reads   <dir>/X.bin       nSamples × nFeatures float64 little-endian, column-major
#         <dir>/y.bin       nSamples float64
#         <dir>/foldid.bin  nSamples float64 (fold numbers 1…K)
#         <dir>/lambda.bin  the λ sequence to cross-validate (proxpath's full-data path)
# Writes  <dir>/cvm.bin     cvm per λ (type.measure: mse for gaussian, deviance for binomial)
#         <dir>/meta.txt    "key value" lines: median_ms, times_ms, index_min, index_1se, glmnet_version
#
# Only the cv.glmnet() call is timed (one warm-up first), with glmnet's default thresh (1e-7),
# as a user would run it.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript cv-glmnet-runner.R <dir> <nSamples> <nFeatures> <family> <repeats>")
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
family <- args[4]
repeats <- as.integer(args[5])
suppressPackageStartupMessages(library(glmnet))

read_doubles <- function(name, count = NULL) {
  path <- file.path(dir, name)
  if (is.null(count)) count <- file.info(path)$size / 8
  con <- file(path, "rb")
  on.exit(close(con))
  readBin(con, "double", n = count, size = 8, endian = "little")
}
X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- read_doubles("y.bin", n)
foldid <- as.integer(read_doubles("foldid.bin", n))
lambda <- read_doubles("lambda.bin")
measure <- if (family == "gaussian") "mse" else "deviance"

run <- function() cv.glmnet(X, y, family = family, alpha = 1, lambda = lambda, foldid = foldid, type.measure = measure)
invisible(run())
times_ms <- numeric(repeats)
cv <- NULL
for (r in seq_len(repeats)) {
  invisible(gc(verbose = FALSE))
  start <- Sys.time()
  cv <- run()
  times_ms[r] <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
}
con <- file(file.path(dir, "cvm.bin"), "wb")
writeBin(as.double(cv$cvm), con, size = 8, endian = "little")
close(con)
writeLines(c(
  sprintf("median_ms %.6f", median(times_ms)),
  sprintf("times_ms %s", paste(sprintf("%.6f", times_ms), collapse = ",")),
  sprintf("index_min %d", match(cv$lambda.min, cv$lambda) - 1),
  sprintf("index_1se %d", match(cv$lambda.1se, cv$lambda) - 1),
  sprintf("glmnet_version %s", as.character(packageVersion("glmnet")))
), file.path(dir, "meta.txt"))
