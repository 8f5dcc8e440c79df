# References for a sparse X (test/sparse.test.ts): R glmnet at thresh 1e-14 on a dgCMatrix (the
# Matrix package), gaussian, binomial and poisson paths on one sparse data set written here, with
# weights, penalty factors, bounds, without intercept and without standardization.
#
#   Rscript scripts/sparse-references.R   (from the repository root)
#
# Writes test/fixtures/data/sparse.json (the CSC arrays, 0-based, and the responses and weights)
# and test/fixtures/refs/sparse.json (λ, a0, β and dev.ratio per case). The gaussian cases are
# lassos (α = 1), where glmnet's internal standardization of y does not change the solution
# (test/fixtures/README.md).

suppressPackageStartupMessages({ library(Matrix); library(glmnet); library(jsonlite) })
set.seed(17)
n <- 150; p <- 40
# Column j holds about n·0.4/(1 + j/4) entries (Zipf-like frequencies), column 7 none, column 11 one.
cols <- lapply(1:p, function(j) {
  count <- if (j == 7) 0 else if (j == 11) 1 else max(2, round(n * 0.4 / (1 + j / 4)))
  sort(sample.int(n, count))
})
i <- unlist(cols)
jj <- rep(seq_len(p), sapply(cols, length))
x <- round(rnorm(length(i), mean = 0.5, sd = 1.5), 6)
X <- sparseMatrix(i = i, j = jj, x = x, dims = c(n, p))
signal <- as.numeric(X[, 1:6] %*% c(1.2, -0.8, 0.6, 0.5, -0.4, 0.3))
y <- round(signal + rnorm(n), 6)
yb <- rbinom(n, 1, plogis(-0.2 + signal))
yc <- rpois(n, exp(0.1 + 0.5 * signal))
w <- round(runif(n, 0.2, 2), 6)
pf <- c(0, rep(1, 9), 2, rep(1, 29))
lower <- c(rep(-Inf, 2), -0.3, rep(-Inf, p - 3))
upper <- c(rep(Inf, 3), 0.2, rep(Inf, p - 4))

cases <- list(
  list(name = "gaussian lasso", family = "gaussian", target = "y", alpha = 1),
  list(name = "gaussian lasso weights, penalty factors, bounds", family = "gaussian", target = "y", alpha = 1,
       weights = TRUE, penaltyFactor = pf, lower = lower, upper = upper),
  list(name = "gaussian lasso no intercept", family = "gaussian", target = "y", alpha = 1, intercept = FALSE),
  list(name = "gaussian lasso unstandardized", family = "gaussian", target = "y", alpha = 1, standardize = FALSE),
  list(name = "binomial lasso", family = "binomial", target = "yb", alpha = 1),
  list(name = "binomial elastic net weights", family = "binomial", target = "yb", alpha = 0.5, weights = TRUE),
  list(name = "binomial lasso no intercept, penalty factors", family = "binomial", target = "yb", alpha = 1,
       intercept = FALSE, penaltyFactor = pf),
  list(name = "poisson lasso", family = "poisson", target = "yc", alpha = 1)
)
targets <- list(y = y, yb = yb, yc = yc)
out <- lapply(cases, function(case) {
  fit <- glmnet(X, targets[[case$target]], family = case$family, alpha = case$alpha,
                weights = if (isTRUE(case$weights)) w else rep(1, n),
                penalty.factor = if (is.null(case$penaltyFactor)) rep(1, p) else case$penaltyFactor,
                lower.limits = if (is.null(case$lower)) -Inf else case$lower,
                upper.limits = if (is.null(case$upper)) Inf else case$upper,
                intercept = !identical(case$intercept, FALSE), standardize = !identical(case$standardize, FALSE),
                thresh = 1e-14, maxit = 1e6)
  case$lower <- if (is.null(case$lower)) NULL else pmax(case$lower, -1e308)
  case$upper <- if (is.null(case$upper)) NULL else pmin(case$upper, 1e308)
  c(case, list(lambda = fit$lambda, a0 = as.numeric(fit$a0),
               beta = unname(lapply(seq_along(fit$lambda), function(k) as.numeric(fit$beta[, k]))),
               devRatio = fit$dev.ratio))
})

writeLines(toJSON(list(nRows = n, nCols = p, indptr = X@p, indices = X@i, values = X@x, y = y, yb = yb, yc = yc, w = w),
                  digits = NA, auto_unbox = TRUE), "test/fixtures/data/sparse.json")
writeLines(toJSON(list(glmnet = as.character(packageVersion("glmnet")), Matrix = as.character(packageVersion("Matrix")), cases = out),
                  digits = NA, auto_unbox = TRUE), "test/fixtures/refs/sparse.json")
cat("wrote", length(out), "cases\n")
