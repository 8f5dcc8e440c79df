# References for multinomial logistic regression (loss multinomial; test/multinomial.test.ts):
# R glmnet 4.1 with family = "multinomial", thresh = 1e-14 (1e-12 for digits grouped, see there), type.multinomial "ungrouped" and
# "grouped", on two data sets written here:
#
#   test/fixtures/data/digits.csv       600 rows of scikit-learn's 8×8 digits (10 classes, 64
#                                       pixels p1…p64, some constant: both sides handle them)
#   test/fixtures/data/multinomial.csv  a synthetic 3-class set (x1…x12, weights w, labels y)
#
#   Rscript scripts/multinomial-references.R   (from the repository root)
#
# Writes test/fixtures/refs/multinomial.json. Per case: glmnet's λ, df, dev.ratio, nulldev, its
# intercepts a0 [K][C] at every λ, and the objective −(1/Σw) Σ_i w_i log p_i,y_i + λ·P(β̃) evaluated
# here in float64 at glmnet's coefficients (P on the standardized scale: β̃_j = β_j·s_j, s_j the
# weighted 1/n standard deviation when standardize; penalty factors rescaled to sum to p). The
# coefficients themselves are kept at a few λ only (`at`: 0-based indices), to keep the file small,
# so that the test can check its own objective against this one. `cv` holds cv.glmnet's curves
# (given foldid and the full fit's λ) for the four measures; `predict` predictions at a λ between
# two grid values.

suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })

digits <- read.csv(gzfile("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"), header = FALSE)
set.seed(42)
rows <- sort(sample(nrow(digits), 600))
d <- digits[rows, ]
names(d) <- c(paste0("p", 1:64), "y")
write.csv(d, "test/fixtures/data/digits.csv", row.names = FALSE)

set.seed(18)
n <- 200; p <- 12
X <- matrix(rnorm(n * p), n, p)
colnames(X) <- paste0("x", 1:p)
eta <- cbind(0.3 + X[, 1] - 0.8 * X[, 2], -0.2 + 0.9 * X[, 3] + 0.5 * X[, 2], 0.6 * X[, 4] - 0.7 * X[, 1])
prob <- exp(eta) / rowSums(exp(eta))
labels <- c("setosa", "versicolor", "virginica")
y <- apply(prob, 1, function(q) sample(labels, 1, prob = q))
w <- round(runif(n, 0.2, 2), 6)
write.csv(data.frame(round(X, 6), w = w, y = y), "test/fixtures/data/multinomial.csv", row.names = FALSE)

read_set <- function(file) {
  d <- read.csv(file.path("test/fixtures/data", file))
  x <- as.matrix(d[, setdiff(names(d), c("y", "w"))])
  list(x = x, y = d$y, w = if ("w" %in% names(d)) d$w else rep(1, nrow(x)))
}
# The case's weights: the column w, or 1 for every row.
with_weights <- function(s, case) {
  if (!isTRUE(case$weights)) s$w <- rep(1, nrow(s$x))
  s
}

# The objective of DESIGN.md §1 for the multinomial family, at glmnet's coefficients of λ_k.
objective <- function(fit, s, case, k, pf) {
  x <- s$x; w <- s$w / sum(s$w)
  classes <- names(fit$beta)
  B <- sapply(classes, function(cl) as.numeric(fit$beta[[cl]][, k]))
  eta <- x %*% B + matrix(fit$a0[, k], nrow(x), length(classes), byrow = TRUE)
  m <- apply(eta, 1, max)
  lse <- m + log(rowSums(exp(eta - m)))
  yi <- match(as.character(s$y), classes)
  loss <- -sum(w * (eta[cbind(seq_len(nrow(x)), yi)] - lse))
  mu <- colSums(w * x)
  sdev <- if (case$standardize) sqrt(colSums(w * x^2) - mu^2) else rep(1, ncol(x))
  sdev[sdev <= 0] <- 1
  Bs <- B * sdev
  if (case$type == "grouped") {
    pen <- sum(pf * ((1 - case$alpha) / 2 * rowSums(Bs^2) + case$alpha * sqrt(rowSums(Bs^2))))
  } else {
    pen <- sum(pf * rowSums((1 - case$alpha) / 2 * Bs^2 + case$alpha * abs(Bs)))
  }
  loss + fit$lambda[k] * pen
}

cases <- list(
  list(name = "digits ungrouped", file = "digits.csv", type = "ungrouped", alpha = 1, standardize = TRUE, intercept = TRUE, weights = FALSE),
  # glmnet's grouped solver stops at λ 32 of the digits path with thresh 1e-14 (maxit reached): 1e-12 runs it whole.
  list(name = "digits grouped", file = "digits.csv", type = "grouped", alpha = 1, standardize = TRUE, intercept = TRUE, weights = FALSE,
       thresh = 1e-12),
  list(name = "synthetic ungrouped enet weights pf", file = "multinomial.csv", type = "ungrouped", alpha = 0.5, standardize = TRUE,
       intercept = TRUE, weights = TRUE, penaltyFactor = c(1, 1, 0.5, 2, 0, 1, 1, 1, 1, 1, 1e308, 3)),
  list(name = "synthetic grouped enet weights pf", file = "multinomial.csv", type = "grouped", alpha = 0.5, standardize = TRUE,
       intercept = TRUE, weights = TRUE, penaltyFactor = c(1, 1, 0.5, 2, 0, 1, 1, 1, 1, 1, 1e308, 3)),
  list(name = "synthetic ungrouped bounds", file = "multinomial.csv", type = "ungrouped", alpha = 1, standardize = TRUE,
       intercept = TRUE, weights = FALSE, lower = -0.3, upper = 0.5),
  list(name = "synthetic ungrouped raw no intercept", file = "multinomial.csv", type = "ungrouped", alpha = 0.8, standardize = FALSE,
       intercept = FALSE, weights = FALSE),
  list(name = "synthetic grouped raw", file = "multinomial.csv", type = "grouped", alpha = 1, standardize = FALSE,
       intercept = TRUE, weights = TRUE)
)

fit_case <- function(case) {
  s <- with_weights(read_set(case$file), case)
  p <- ncol(s$x)
  pf <- if (is.null(case$penaltyFactor)) rep(1, p) else case$penaltyFactor
  pf[pf >= 1e308] <- Inf
  args <- list(s$x, s$y, family = "multinomial", type.multinomial = case$type, alpha = case$alpha, weights = s$w,
               standardize = case$standardize, intercept = case$intercept, penalty.factor = pf, thresh = if (is.null(case$thresh)) 1e-14 else case$thresh, maxit = 1e6)
  if (!is.null(case$lower)) args$lower.limits <- case$lower
  if (!is.null(case$upper)) args$upper.limits <- case$upper
  fit <- do.call(glmnet, args)
  # glmnet's own rescaling: Inf counts as 1 (its variable is excluded), then the sum is p.
  pfs <- pf; pfs[is.infinite(pfs)] <- 1; pfs <- pfs * p / sum(pfs)
  K <- length(fit$lambda)
  at <- unique(c(0, 1, 4, floor(K / 2), K - 1))
  classes <- names(fit$beta)
  coefAt <- lapply(at + 1, function(k) unname(lapply(classes, function(cl) as.numeric(fit$beta[[cl]][, k]))))
  c(case, list(
    classes = classes, lambda = fit$lambda, df = fit$df, devRatio = fit$dev.ratio, nulldev = fit$nulldev,
    a0 = unname(lapply(seq_len(K), function(k) as.numeric(fit$a0[, k]))),
    objective = sapply(seq_len(K), function(k) objective(fit, s, case, k, pfs)),
    at = at, beta = coefAt, a0At = unname(lapply(at + 1, function(k) as.numeric(fit$a0[, k])))
  ))
}
out <- lapply(cases, fit_case)

# predict between two grid λ (glmnet interpolates linearly in λ), on 5 rows, for the first synthetic case.
s <- read_set("multinomial.csv")
pfit <- glmnet(s$x, s$y, family = "multinomial", alpha = 0.5, weights = s$w, thresh = 1e-14, maxit = 1e6)
sp <- mean(pfit$lambda[10:11])
newx <- s$x[1:5, ]
predict_ref <- list(
  lambda = sp,
  link = unname(lapply(1:5, function(i) as.numeric(predict(pfit, newx, s = sp, type = "link")[i, , 1]))),
  response = unname(lapply(1:5, function(i) as.numeric(predict(pfit, newx, s = sp, type = "response")[i, , 1]))),
  class = as.character(predict(pfit, newx, s = sp, type = "class"))
)

# cv.glmnet, fixed foldid, the full fit's λ given (no early stop in the folds), both types.
set.seed(7)
foldid <- sample(rep(1:5, length.out = n))
cvs <- list()
for (type in c("ungrouped", "grouped")) {
  full <- glmnet(s$x, s$y, family = "multinomial", type.multinomial = type, alpha = 1, weights = s$w, thresh = 1e-14, maxit = 1e6)
  for (measure in c("deviance", "class", "mse", "mae")) {
    cv <- cv.glmnet(s$x, s$y, family = "multinomial", type.multinomial = type, alpha = 1, weights = s$w, foldid = foldid,
                    lambda = full$lambda, type.measure = measure, thresh = 1e-14, maxit = 1e6)
    cvs[[length(cvs) + 1]] <- list(type = type, measure = measure, lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd,
                                   indexMin = which(cv$lambda == cv$lambda.min) - 1, index1se = which(cv$lambda == cv$lambda.1se) - 1)
  }
}

write(toJSON(list(cases = out, predict = predict_ref, foldid = foldid, cv = cvs), digits = I(17), auto_unbox = TRUE),
      "test/fixtures/refs/multinomial.json")
