# References for glmnet's dfmax, pmax and exclude (test/path-limits.test.ts): R glmnet at
# thresh 1e-14 on one data set written here, its path lengths, df and coefficients.
#
#   Rscript scripts/path-limits-references.R   (from the repository root)
#
# Writes test/fixtures/data/path-limits.csv (x1…x30, y, yb) and test/fixtures/refs/path_limits.json.

suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })
set.seed(1)
n <- 100; p <- 30
X <- matrix(rnorm(n * p), n, p)
colnames(X) <- paste0("x", 1:p)
y <- as.numeric(X[, 1:10] %*% seq(1, 0.1, length.out = 10) + rnorm(n))
yb <- as.numeric(y > 0)
write.csv(data.frame(X, y = y, yb = yb), "test/fixtures/data/path-limits.csv", row.names = FALSE)

cases <- list(
  list(name = "gaussian dfmax 5", family = "gaussian", target = "y", dfmax = 5),
  list(name = "gaussian pmax 5", family = "gaussian", target = "y", pmax = 5),
  list(name = "binomial dfmax 5", family = "binomial", target = "yb", dfmax = 5),
  list(name = "binomial pmax 8", family = "binomial", target = "yb", pmax = 8),
  list(name = "gaussian exclude 1, 3", family = "gaussian", target = "y", exclude = c(1, 3))
)
out <- lapply(cases, function(case) {
  args <- list(X, if (case$target == "y") y else yb, family = case$family, thresh = 1e-14)
  for (key in c("dfmax", "pmax", "exclude")) if (!is.null(case[[key]])) args[[key]] <- case[[key]]
  fit <- suppressWarnings(do.call(glmnet, args))
  c(case, list(lambda = fit$lambda, df = fit$df, a0 = as.numeric(fit$a0), beta = unname(lapply(seq_along(fit$lambda), function(k) as.numeric(fit$beta[, k])))))
})
writeLines(toJSON(list(glmnet = as.character(packageVersion("glmnet")), cases = out), digits = NA, auto_unbox = TRUE),
  "test/fixtures/refs/path_limits.json")
