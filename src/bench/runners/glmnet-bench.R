# R glmnet on one benchmark case, for src/bench/runners/glmnet.ts.
#
#   Rscript glmnet-bench.R <dir> <n> <p> <family> <alpha> <repeats> <maxSeconds>
#
# Reads   <dir>/X.bin (n × p float64 little-endian, column-major), y.bin (n), lambda.bin (K)
# Writes  <dir>/a0.bin (K), beta.bin (p × K, column-major), meta.txt ("key value" lines)
# One untimed warm-up, then up to <repeats> timed glmnet() calls (no further one once the timed
# calls have taken <maxSeconds>). The whole given λ sequence is fitted: glmnet's early stops
# (fdev, devmax) are turned off.

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
n <- as.integer(args[2]); p <- as.integer(args[3])
family <- args[4]; alpha <- as.numeric(args[5])
repeats <- as.integer(args[6]); max_seconds <- as.numeric(args[7])
suppressPackageStartupMessages(library(glmnet))
glmnet.control(fdev = 0, devmax = 1)

read_doubles <- function(name, count) {
  con <- file(file.path(dir, name), "rb"); on.exit(close(con))
  readBin(con, "double", n = count, size = 8, endian = "little")
}
write_doubles <- function(name, values) {
  con <- file(file.path(dir, name), "wb"); on.exit(close(con))
  writeBin(as.double(values), con, size = 8, endian = "little")
}
X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- read_doubles("y.bin", n)
lambda <- read_doubles("lambda.bin", 1e6)

run <- function() glmnet(X, y, family = family, alpha = alpha, lambda = lambda, standardize = TRUE)
invisible(run())
times_ms <- c()
while (length(times_ms) < repeats && (length(times_ms) == 0 || sum(times_ms) < max_seconds * 1000)) {
  start <- Sys.time()
  fit <- run()
  times_ms <- c(times_ms, as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000)
}
write_doubles("a0.bin", as.numeric(fit$a0))
write_doubles("beta.bin", as.matrix(fit$beta))
writeLines(c(
  sprintf("K %d", length(fit$lambda)),
  sprintf("times_ms %s", paste(sprintf("%.6f", times_ms), collapse = ",")),
  sprintf("passes %d", fit$npasses),
  sprintf("version %s", as.character(packageVersion("glmnet")))
), file.path(dir, "meta.txt"))
