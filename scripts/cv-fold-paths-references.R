# References for cross-validation with cv.glmnet's default alignment: no λ given, so every fold
# fits its own default λ path and is predicted at the full fit's λ by interpolation (glmnet's
# lambda.interp). thresh 1e-14, a fixed foldid. Writes test/fixtures/refs/foldpaths_<case>.json
# (read by test/cv-alignment.test.ts). Run from the project root:
#   Rscript scripts/cv-fold-paths-references.R
suppressMessages(library(glmnet))

num <- function(x) {
  s <- ifelse(is.finite(x), sprintf("%.17g", x), "null")
  paste0("[", paste(s, collapse = ","), "]")
}

write_case <- function(name, file, family, alpha, measure, nfolds) {
  d <- read.csv(file.path("test/fixtures/data", file))
  y <- d$y
  x <- as.matrix(d[, setdiff(names(d), c("y", "w"))])
  set.seed(20261206)
  foldid <- sample(rep(seq_len(nfolds), length.out = nrow(x)))
  cv <- cv.glmnet(x, y, family = family, alpha = alpha, foldid = foldid, type.measure = measure, thresh = 1e-14, maxit = 1e6)
  out <- c(
    sprintf('"case": "%s"', name), sprintf('"file": "%s"', file), sprintf('"family": "%s"', family),
    sprintf('"alpha": %s', alpha), sprintf('"typeMeasure": "%s"', measure), sprintf('"nFolds": %d', nfolds),
    sprintf('"foldid": %s', num(foldid)), sprintf('"lambda": %s', num(cv$lambda)),
    sprintf('"cvm": %s', num(cv$cvm)), sprintf('"cvsd": %s', num(cv$cvsd)),
    sprintf('"indexMin": %d', match(cv$lambda.min, cv$lambda) - 1), sprintf('"index1se": %d', match(cv$lambda.1se, cv$lambda) - 1),
    sprintf('"glmnet": "%s"', as.character(packageVersion("glmnet")))
  )
  writeLines(paste0("{\n  ", paste(out, collapse = ",\n  "), "\n}"), file.path("test/fixtures/refs", paste0("foldpaths_", name, ".json")))
  cat(name, ": ", length(cv$lambda), " λ\n", sep = "")
}

write_case("gauss_mse", "gauss.csv", "gaussian", 1, "mse", 10)
write_case("logistic_deviance", "logistic.csv", "binomial", 1, "deviance", 5)
write_case("poisson_mae", "poisson.csv", "poisson", 0.5, "mae", 4)
