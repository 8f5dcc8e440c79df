# References for offsets (test/offsets.test.ts): R glmnet at thresh 1e-14 with `offset` on one data
# set written here, for the gaussian, binomial and poisson families (one case with weights too,
# one without intercept): λ, coefficients, dev.ratio and nulldev of each path; predictions with
# newoffset; and cv.glmnet's curves given foldid and the full fit's λ.
#
#   Rscript scripts/offset-references.R   (from the repository root)
#
# Writes test/fixtures/data/offsets.csv (x1…x8, o, w, y, yb, yc) and test/fixtures/refs/offsets.json.
# The gaussian cases are lassos (α = 1), where glmnet's internal standardization of y does not
# change the solution (test/fixtures/README.md).

suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })
set.seed(18)
n <- 120; p <- 8
X <- matrix(rnorm(n * p), n, p)
colnames(X) <- paste0("x", 1:p)
o <- round(rnorm(n, sd = 0.6), 6)
w <- round(runif(n, 0.2, 2), 6)
signal <- as.numeric(X[, 1:4] %*% c(0.9, -0.6, 0.4, 0.25))
y <- round(signal + o + rnorm(n), 6)
yb <- rbinom(n, 1, plogis(0.3 + 0.7 * signal + o))
yc <- rpois(n, exp(0.2 + 0.4 * signal + o))
write.csv(data.frame(X, o = o, w = w, y = y, yb = yb, yc = yc), "test/fixtures/data/offsets.csv", row.names = FALSE)
# Fitted on the file as read back, so that both sides fit the very same numbers.
d <- read.csv("test/fixtures/data/offsets.csv")
X <- as.matrix(d[, paste0("x", 1:p)]); o <- d$o; w <- d$w; y <- d$y; yb <- d$yb; yc <- d$yc

# New rows for predict: the first 6 rows of X with other offsets.
newx <- X[1:6, ]
newoffset <- o[1:6] + 0.25

cases <- list(
  list(name = "gaussian offset", family = "gaussian", target = "y", alpha = 1, weights = FALSE, intercept = TRUE),
  list(name = "gaussian weights offset", family = "gaussian", target = "y", alpha = 1, weights = TRUE, intercept = TRUE),
  list(name = "binomial offset", family = "binomial", target = "yb", alpha = 1, weights = FALSE, intercept = TRUE),
  list(name = "binomial offset no intercept", family = "binomial", target = "yb", alpha = 0.5, weights = FALSE, intercept = FALSE),
  list(name = "poisson offset", family = "poisson", target = "yc", alpha = 1, weights = FALSE, intercept = TRUE),
  list(name = "poisson weights offset", family = "poisson", target = "yc", alpha = 0.5, weights = TRUE, intercept = TRUE)
)
targets <- list(y = y, yb = yb, yc = yc)
betas <- function(fit) unname(lapply(seq_along(fit$lambda), function(k) as.numeric(fit$beta[, k])))
out <- lapply(cases, function(case) {
  yy <- targets[[case$target]]
  ww <- if (case$weights) w else rep(1, n)
  fit <- glmnet(X, yy, family = case$family, alpha = case$alpha, weights = ww, offset = o,
                intercept = case$intercept, thresh = 1e-14, maxit = 1e6)
  at <- fit$lambda[c(5, 20)]
  link <- predict(fit, newx, s = at, newoffset = newoffset, type = "link")
  response <- predict(fit, newx, s = at, newoffset = newoffset, type = "response")
  c(case, list(
    lambda = fit$lambda, a0 = as.numeric(fit$a0), beta = betas(fit), df = fit$df,
    devRatio = fit$dev.ratio, nulldev = fit$nulldev,
    predict = list(lambda = at, newoffset = newoffset, link = unname(lapply(1:2, function(k) link[, k])),
                   response = unname(lapply(1:2, function(k) response[, k])))
  ))
})

# cv.glmnet with the offset: a fixed foldid, the full fit's λ given (no path stops early).
set.seed(20261130)
foldid <- sample(rep(1:5, length.out = n))
cvcases <- list(
  list(name = "gaussian offset mse", family = "gaussian", target = "y", measure = "mse", weights = FALSE),
  list(name = "binomial offset deviance", family = "binomial", target = "yb", measure = "deviance", weights = FALSE),
  list(name = "poisson weights offset deviance", family = "poisson", target = "yc", measure = "deviance", weights = TRUE)
)
cvout <- lapply(cvcases, function(case) {
  yy <- targets[[case$target]]
  ww <- if (case$weights) w else rep(1, n)
  full <- glmnet(X, yy, family = case$family, weights = ww, offset = o, thresh = 1e-14, maxit = 1e6)
  cv <- cv.glmnet(X, yy, family = case$family, weights = ww, offset = o, lambda = full$lambda, foldid = foldid,
                  type.measure = case$measure, thresh = 1e-14, maxit = 1e6)
  c(case, list(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd,
               indexMin = match(cv$lambda.min, cv$lambda) - 1, index1se = match(cv$lambda.1se, cv$lambda) - 1))
})

writeLines(toJSON(list(glmnet = as.character(packageVersion("glmnet")), foldid = foldid, cases = out, cv = cvout),
                  digits = NA, auto_unbox = TRUE),
  "test/fixtures/refs/offsets.json")
cat("wrote", length(out), "path cases and", length(cvout), "cv cases\n")
