# References for cross-validation: cv.glmnet (thresh 1e-14) on the fixture datasets with a fixed
# foldid and the λ sequence of the full-data fit given explicitly (so that neither side stops a
# path early). Writes test/fixtures/refs/cv_<case>.json. Run from the project root:
#   Rscript scripts/cv-references.R
# The gaussian cases use the lasso (α = 1), where glmnet's internal standardization of y does
# not change the solution (see test/fixtures/README.md).
suppressMessages(library(glmnet))

num <- function(x) {
  s <- ifelse(is.finite(x), sprintf("%.17g", x), "null")
  paste0("[", paste(s, collapse = ","), "]")
}

write_case <- function(name, file, family, alpha, measure, nfolds, weights = FALSE) {
  d <- read.csv(file.path("test/fixtures/data", file))
  y <- d$y
  w <- if (weights) d$w else rep(1, nrow(d))
  x <- as.matrix(d[, setdiff(names(d), c("y", "w"))])
  n <- nrow(x)
  # A fixed, documented fold assignment: a permutation of rep(1..K) from R's generator.
  set.seed(20261130)
  foldid <- sample(rep(seq_len(nfolds), length.out = n))
  full <- glmnet(x, y, family = family, alpha = alpha, weights = w, thresh = 1e-14)
  lambda <- full$lambda
  cv <- cv.glmnet(x, y, family = family, alpha = alpha, weights = w, lambda = lambda, foldid = foldid,
                  type.measure = measure, thresh = 1e-14, maxit = 1e6)
  out <- c(
    sprintf('"case": "%s"', name), sprintf('"file": "%s"', file), sprintf('"family": "%s"', family),
    sprintf('"alpha": %s', alpha), sprintf('"typeMeasure": "%s"', measure), sprintf('"weights": %s', tolower(weights)),
    sprintf('"nFolds": %d', nfolds), sprintf('"foldid": %s', num(foldid)), sprintf('"lambda": %s', num(cv$lambda)),
    sprintf('"cvm": %s', num(cv$cvm)), sprintf('"cvsd": %s', num(cv$cvsd)), sprintf('"nzero": %s', num(cv$nzero)),
    sprintf('"lambdaMin": %.17g', cv$lambda.min), sprintf('"lambda1se": %.17g', cv$lambda.1se),
    sprintf('"indexMin": %d', match(cv$lambda.min, cv$lambda) - 1), sprintf('"index1se": %d', match(cv$lambda.1se, cv$lambda) - 1),
    sprintf('"glmnet": "%s"', as.character(packageVersion("glmnet")))
  )
  writeLines(paste0("{\n  ", paste(out, collapse = ",\n  "), "\n}"), file.path("test/fixtures/refs", paste0("cv_", name, ".json")))
  cat(name, ": ", length(cv$lambda), " λ, lambda.min index ", match(cv$lambda.min, cv$lambda) - 1, "\n", sep = "")
}

write_case("gauss_mse", "gauss.csv", "gaussian", 1, "mse", 10)
write_case("gauss_weighted_mse", "gauss.csv", "gaussian", 1, "mse", 10, weights = TRUE)
write_case("gauss_mae", "gauss.csv", "gaussian", 1, "mae", 5)
write_case("logistic_deviance", "logistic.csv", "binomial", 1, "deviance", 10)
write_case("logistic_mse", "logistic.csv", "binomial", 0.5, "mse", 10)
write_case("logistic_class", "logistic.csv", "binomial", 1, "class", 10)
write_case("poisson_deviance", "poisson.csv", "poisson", 1, "deviance", 10)
write_case("poisson_mse", "poisson.csv", "poisson", 0.5, "mse", 3)
