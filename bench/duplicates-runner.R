# A tight glmnet reference (thresh 1e-14) for one near-duplicate case, for
# bench/duplicates-references.ts.
#
# Usage: Rscript duplicates-runner.R <dir> <nSamples> <nFeatures> <gaussian|binomial|poisson> <alpha>
#
# Reads   <dir>/X.bin, <dir>/y.bin  float64 little-endian (X column-major, n × p)
# Writes  <dir>/lambda.bin, a0.bin, beta.bin (p × K column-major), meta.txt ("glmnet_version …")
#
# The gaussian family standardizes y internally, so for α < 1 glmnet solves the objective of
# DESIGN.md §1 only on y/s (test/fixtures/README.md): it is fitted on y/s with
# α' = α / (α + s(1 − α)) and λ' = λ(α/s + 1 − α), and λ, a0, β are mapped back.

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
family <- args[4]
alpha <- as.numeric(args[5])
suppressPackageStartupMessages(library(glmnet))

read_doubles <- function(name, count) {
  con <- file(file.path(dir, name), "rb")
  on.exit(close(con))
  readBin(con, "double", n = count, size = 8, endian = "little")
}
write_doubles <- function(name, values) {
  con <- file(file.path(dir, name), "wb")
  on.exit(close(con))
  writeBin(as.double(values), con, size = 8, endian = "little")
}

X <- matrix(read_doubles("X.bin", as.double(n) * p), nrow = n, ncol = p)
y <- read_doubles("y.bin", n)
s <- 1
a <- alpha
if (family == "gaussian") {
  s <- sqrt(mean((y - mean(y))^2))
  a <- alpha / (alpha + s * (1 - alpha))
}
fit <- glmnet(X, y / s, family = family, alpha = a, standardize = TRUE, thresh = 1e-14, maxit = 1e7)
lambda <- fit$lambda / (alpha / s + 1 - alpha)
if (family != "gaussian") lambda <- fit$lambda
write_doubles("lambda.bin", lambda)
write_doubles("a0.bin", as.numeric(fit$a0) * s)
write_doubles("beta.bin", as.numeric(as.matrix(fit$beta)) * s)
writeLines(c(paste("glmnet_version", as.character(packageVersion("glmnet"))),
             paste("npasses", fit$npasses)), file.path(dir, "meta.txt"))
