# Runs R conquer (conquer.reg, smoothed quantile regression) on one row of bench/conquer.ts, one
# call per λ, each timed inside R, and writes its coefficients and times as JSON.
#
# Usage: Rscript conquer-runner.R <dir> <n> <p> <tau> <penalty> <lambdas> <gamma> [<elastic>]
#
# Reads   <dir>/X.bin       n × p float64 little-endian, column-major (R's own layout)
#         <dir>/y.bin       n float64 little-endian
#         <dir>/groups.bin  p float64 group labels 1 … G (read for group and sparse-group only)
# Writes  <dir>/result.json {version, bandwidth, standardization, fits: [{lambda, ms, coef}]}
#         where coef is (intercept, β_1 … β_p) on the scale of the X given.
#
# <lambdas> is a comma-separated list; each λ gets its own conquer.reg(X, Y, lambda = λ) call (a
# scalar λ runs conquer's full algorithm: for scad/mcp the pilot, the contraction round and up to
# iteTight tightening rounds; a λ vector would warm-start and run only the contraction round).
# <gamma> is para.scad or para.mcp (ignored for the other penalties). One untimed warm-up call
# at the first λ comes first. <elastic> is para.elastic (penalty "elastic" only; default 0.5):
# conquer's elastic net is λ(a‖β‖₁ + (1 − a)‖β‖₂²), without glmnet's ½ (its proximal step
# divides by 1 + 2(1 − a)λ/φ: lammGaussElastic in src/highdGauss.cpp). The clock is Sys.time() (microseconds).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 7 && length(args) != 8) {
  stop("usage: Rscript conquer-runner.R <dir> <n> <p> <tau> <penalty> <lambdas> <gamma> [<elastic>]")
}
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
tau <- as.numeric(args[4])
penalty <- args[5]
lambdas <- as.numeric(strsplit(args[6], ",", fixed = TRUE)[[1]])
gamma <- as.numeric(args[7])
elastic <- if (length(args) == 8) as.numeric(args[8]) else 0.5

suppressPackageStartupMessages(library(conquer))

read_doubles <- function(name, count) {
  con <- file(file.path(dir, name), "rb")
  on.exit(close(con))
  values <- readBin(con, "double", n = count, size = 8, endian = "little")
  if (length(values) != count) stop(sprintf("%s: read %d values, expected %d", name, length(values), count))
  values
}

X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- read_doubles("y.bin", n)
group <- NULL
if (penalty %in% c("group", "sparse-group")) group <- as.integer(read_doubles("groups.bin", p))

# conquer's C++ standardizes Z_j = (X_j − mean(X_j)) / sd(X_j), sd with the n − 1 divisor
# (arma::stddev(X, 0)). The bench hands it X already so: these are what that step still does.
standardization <- list(
  maxAbsColMean = max(abs(colMeans(X))),
  maxAbsColSdMinus1 = max(abs(apply(X, 2, sd) - 1))
)

call_conquer <- function(lambda) {
  conquer.reg(X, y, lambda = lambda, tau = tau, kernel = "Gaussian", penalty = penalty,
              para.elastic = elastic, para.scad = gamma, para.mcp = gamma, group = group)
}

invisible(call_conquer(lambdas[1]))
fits <- vector("list", length(lambdas))
bandwidth <- NA_real_
for (k in seq_along(lambdas)) {
  invisible(gc(verbose = FALSE))
  start <- Sys.time()
  fit <- call_conquer(lambdas[k])
  ms <- as.numeric(difftime(Sys.time(), start, units = "secs")) * 1000
  bandwidth <- fit$bandwidth
  fits[[k]] <- list(lambda = lambdas[k], ms = ms, coef = as.numeric(fit$coeff))
}

result <- list(
  version = as.character(packageVersion("conquer")),
  R = paste(R.version$major, R.version$minor, sep = "."),
  bandwidth = bandwidth,
  standardization = standardization,
  fits = fits
)
writeLines(jsonlite::toJSON(result, auto_unbox = TRUE, digits = NA), file.path(dir, "result.json"))
