# Times R glmnet's multinomial family on one benchmark row and writes its path, for
# bench/multinomial-rows.ts (the multinomial rows of bench/cpu-vs-glmnet.ts).
#
# Usage: Rscript glmnet-multinomial-runner.R <dir> <nSamples> <nFeatures> <ungrouped|grouped> <warmups> <repeats>
#
# Reads   <dir>/X.bin  nSamples × nFeatures float64 little-endian, column-major
#         <dir>/y.bin  nSamples class indices 0 … C − 1 as float64
# Writes  <dir>/lambda.bin  K float64 (glmnet's λ, decreasing)
#         <dir>/a0.bin      C × K float64, column-major (column k: the intercepts at λ_k)
#         <dir>/beta.bin    K × C × nFeatures float64: λ_k's class c coefficients at (k·C + c)·p
#         <dir>/meta.txt    "key value" lines: K, C, median_ms, times_ms, glmnet_version
#
# Only the glmnet() call is timed (Sys.time, microseconds).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 6) stop("usage: Rscript glmnet-multinomial-runner.R <dir> <nSamples> <nFeatures> <type> <warmups> <repeats>")
dir <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3]); type <- args[4]
warmups <- as.integer(args[5]); repeats <- as.integer(args[6])
suppressPackageStartupMessages(library(glmnet))

read_doubles <- function(name, count) {
  con <- file(file.path(dir, name), "rb"); on.exit(close(con))
  values <- readBin(con, "double", n = count, size = 8, endian = "little")
  if (length(values) != count) stop(sprintf("%s: read %d values, expected %d", name, length(values), count))
  values
}
write_doubles <- function(name, values) {
  con <- file(file.path(dir, name), "wb"); on.exit(close(con))
  writeBin(as.double(values), con, size = 8, endian = "little")
}

X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- factor(read_doubles("y.bin", n))
run <- function() glmnet(X, y, family = "multinomial", type.multinomial = type, alpha = 1, standardize = TRUE)
for (r in seq_len(warmups)) invisible(run())
times_ms <- numeric(repeats)
for (r in seq_len(repeats)) {
  fit <- NULL
  invisible(gc(verbose = FALSE))
  start <- Sys.time()
  fit <- run()
  times_ms[r] <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
}
K <- length(fit$lambda); C <- length(fit$beta)
write_doubles("lambda.bin", fit$lambda)
write_doubles("a0.bin", as.numeric(fit$a0))
write_doubles("beta.bin", unlist(lapply(seq_len(K), function(k) unlist(lapply(fit$beta, function(b) as.numeric(b[, k]))))))
writeLines(c(sprintf("K %d", K), sprintf("C %d", C), sprintf("median_ms %.6f", median(times_ms)),
             sprintf("times_ms %s", paste(sprintf("%.6f", times_ms), collapse = ",")),
             sprintf("glmnet_version %s", as.character(packageVersion("glmnet")))), file.path(dir, "meta.txt"))
