# References for the relaxed lasso (option relax; test/relaxed.test.ts): R glmnet 4.1 with
# relax = TRUE at thresh 1e-14. Per fit case: the path's λ and df, the refits (fit$relaxed: the
# λ refit, their intercepts, coefficients and deviance ratios) and coef(fit, s, gamma) at a few
# λ (on the grid and between) for γ in 0, 0.25, 0.5, 0.75, 1. Per CV case: cv.glmnet(relax =
# TRUE) with a fixed foldid: the curve of every γ (relaxed$statlist), the (λ, γ) choices, and the
# γ = 1 curve cv.glmnet reports as its own. Note: glmnet's blend floors γ at 1e-5 (blend.relaxed's
# epsilon), so its "γ = 0" blends and curves are those of γ = 1e-5.
#
#   Rscript scripts/relax-references.R   (from the repository root)
#
# Writes test/fixtures/data/relax-wide.csv, relax-tiny.csv and test/fixtures/refs/relax_<case>.json.

suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })

wide_data <- function(file, seed, n, p) {
  set.seed(seed)
  X <- matrix(rnorm(n * p), n, p)
  colnames(X) <- paste0("x", 1:p)
  y <- as.numeric(X[, 1:5] %*% c(2, -1.5, 1, 1, -1) + rnorm(n))
  write.csv(data.frame(X, y = y), file.path("test/fixtures/data", file), row.names = FALSE)
}
# n = 40, p = 80: a support of the path's end passes n − 3 (glmnet's maxp); n = 12, p = 40: many do.
wide_data("relax-wide.csv", 3, 40, 80)
wide_data("relax-tiny.csv", 1, 12, 40)

read_case <- function(file) {
  d <- read.csv(file.path("test/fixtures/data", file))
  list(x = as.matrix(d[, setdiff(names(d), c("y", "w"))]), y = d$y, w = if ("w" %in% names(d)) d$w else NULL)
}

columns <- function(m) unname(lapply(seq_len(ncol(m)), function(k) as.numeric(m[, k])))

fit_case <- function(case) {
  d <- read_case(case$file)
  p <- ncol(d$x)
  args <- list(d$x, d$y, family = case$family, alpha = case$alpha, relax = TRUE, thresh = 1e-14, maxit = 1e6,
               standardize = case$standardize, intercept = case$intercept)
  if (isTRUE(case$weights)) args$weights <- d$w
  for (key in c("penalty.factor", "lower.limits", "upper.limits")) if (!is.null(case[[key]])) args[[key]] <- case[[key]]
  fit <- do.call(glmnet, args)
  K <- length(fit$lambda)
  # Grid λ and points between two of them, late enough on the path to have several features.
  at <- c(fit$lambda[c(2, K %/% 3, K %/% 2, K)], sqrt(fit$lambda[K %/% 4] * fit$lambda[K %/% 4 + 1]), 0.5 * (fit$lambda[K - 2] + fit$lambda[K - 1]))
  blends <- list()
  for (s in at) for (g in c(0, 0.25, 0.5, 0.75, 1)) {
    cf <- as.numeric(coef(fit, s = s, gamma = g))
    blends[[length(blends) + 1]] <- list(s = s, gamma = g, a0 = cf[1], beta = cf[-1])
  }
  r <- fit$relaxed
  c(case, list(
    lambda = fit$lambda, df = fit$df, devRatio = fit$dev.ratio,
    relaxed = list(lambda = r$lambda, a0 = as.numeric(r$a0), beta = columns(r$beta), devRatio = r$dev.ratio),
    blends = blends
  ))
}

cv_case <- function(case) {
  d <- read_case(case$file)
  n <- nrow(d$x)
  set.seed(case$seed)
  foldid <- sample(rep(seq_len(case$nFolds), length.out = n))
  base <- list(d$x, d$y, family = case$family, alpha = case$alpha, thresh = 1e-14, maxit = 1e6)
  lambda <- if (isTRUE(case$givenLambda)) do.call(glmnet, base)$lambda else NULL
  cv <- do.call(cv.glmnet, c(base, list(relax = TRUE, foldid = foldid, lambda = lambda, type.measure = case$typeMeasure)))
  rel <- cv$relaxed
  stats <- unname(lapply(rel$statlist, function(s) list(lambda = unname(s$lambda), cvm = unname(s$cvm), cvsd = unname(s$cvsd))))
  c(case, list(
    foldid = foldid, lambda = cv$lambda, nzero = unname(cv$nzero), gamma = rel$gamma, statlist = stats,
    lambdaMin = rel$lambda.min, gammaMin = rel$gamma.min, lambda1se = rel$lambda.1se, gamma1se = rel$gamma.1se,
    # 0-based: the λ index and the γ index of each choice.
    indexMin = unname(rel$index["min", ] - 1), index1se = unname(rel$index["1se", ] - 1),
    plain = list(cvm = cv$cvm, cvsd = cv$cvsd, indexMin = match(cv$lambda.min, cv$lambda) - 1, index1se = match(cv$lambda.1se, cv$lambda) - 1)
  ))
}

fits <- list(
  list(case = "gauss_lasso", file = "gauss.csv", family = "gaussian", alpha = 1, standardize = TRUE, intercept = TRUE),
  list(case = "gauss_weights_pf_bounds", file = "gauss.csv", family = "gaussian", alpha = 1, standardize = TRUE, intercept = TRUE,
       weights = TRUE, penalty.factor = rep(c(1, 0.5, 2, 1), 5), lower.limits = rep(-1.5, 20), upper.limits = rep(c(2.5, 1e308), 10)),
  list(case = "gauss_raw_no_intercept", file = "gauss.csv", family = "gaussian", alpha = 1, standardize = FALSE, intercept = FALSE),
  list(case = "logistic_lasso", file = "logistic.csv", family = "binomial", alpha = 1, standardize = TRUE, intercept = TRUE),
  list(case = "logistic_enet", file = "logistic.csv", family = "binomial", alpha = 0.5, standardize = TRUE, intercept = TRUE),
  list(case = "poisson_lasso", file = "poisson.csv", family = "poisson", alpha = 1, standardize = TRUE, intercept = TRUE),
  list(case = "wide_maxp", file = "relax-wide.csv", family = "gaussian", alpha = 1, standardize = TRUE, intercept = TRUE),
  list(case = "tiny_maxp", file = "relax-tiny.csv", family = "gaussian", alpha = 1, standardize = TRUE, intercept = TRUE)
)
cvs <- list(
  list(case = "cv_gauss_mse", file = "gauss.csv", family = "gaussian", alpha = 1, typeMeasure = "mse", nFolds = 10, seed = 20261210, givenLambda = TRUE),
  list(case = "cv_logistic_deviance", file = "logistic.csv", family = "binomial", alpha = 1, typeMeasure = "deviance", nFolds = 10, seed = 20261211, givenLambda = TRUE),
  list(case = "cv_poisson_deviance", file = "poisson.csv", family = "poisson", alpha = 1, typeMeasure = "deviance", nFolds = 5, seed = 20261212, givenLambda = TRUE),
  list(case = "cv_wide_mse", file = "relax-wide.csv", family = "gaussian", alpha = 1, typeMeasure = "mse", nFolds = 5, seed = 20261213, givenLambda = TRUE),
  list(case = "cv_gauss_fold_paths", file = "gauss.csv", family = "gaussian", alpha = 1, typeMeasure = "mse", nFolds = 5, seed = 20261214, givenLambda = FALSE)
)
# Every double with 17 significant digits (jsonlite writes at most 15): the values read back exactly.
exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (!is.double(x)) return(x)
  text <- sprintf("%.17g", x)
  structure(if (length(x) == 1) text else paste0("[", paste(text, collapse = ","), "]"), class = "json")
}
out <- list(glmnet = as.character(packageVersion("glmnet")), fits = lapply(fits, fit_case), cvs = lapply(cvs, cv_case))
writeLines(toJSON(exact(out), auto_unbox = TRUE, json_verbatim = TRUE), "test/fixtures/refs/relax.json")
for (f in out$fits) cat(f$case, ": ", length(f$lambda), " λ, ", length(f$relaxed$lambda), " refit\n", sep = "")
for (c in out$cvs) cat(c$case, ": ", length(c$lambda), " λ, γ.min ", c$gammaMin, " λ.min index ", c$indexMin[1], "\n", sep = "")
