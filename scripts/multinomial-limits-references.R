# References for dfmax and pmax with family = "multinomial" (test/multinomial-limits.test.ts): R
# glmnet 4.1 at thresh 1e-14 on test/fixtures/data/multinomial.csv (written by
# scripts/multinomial-references.R), both type.multinomial: each path's λ, df, and per λ the
# features nonzero in some class (1-based).
#
#   Rscript scripts/multinomial-limits-references.R   (from the repository root)
#
# Writes test/fixtures/refs/multinomial_limits.json.

suppressPackageStartupMessages({ library(glmnet); library(jsonlite) })
d <- read.csv("test/fixtures/data/multinomial.csv")
x <- as.matrix(d[, paste0("x", 1:12)])
cases <- list(
  list(name = "ungrouped dfmax 3", type = "ungrouped", dfmax = 3),
  list(name = "ungrouped pmax 4", type = "ungrouped", pmax = 4),
  list(name = "grouped dfmax 3", type = "grouped", dfmax = 3),
  list(name = "grouped pmax 5", type = "grouped", pmax = 5)
)
out <- lapply(cases, function(case) {
  args <- list(x, d$y, family = "multinomial", type.multinomial = case$type, thresh = 1e-14)
  for (key in c("dfmax", "pmax")) if (!is.null(case[[key]])) args[[key]] <- case[[key]]
  fit <- suppressWarnings(do.call(glmnet, args))
  support <- lapply(seq_along(fit$lambda), function(k) {
    nz <- Reduce(`|`, lapply(fit$beta, function(b) b[, k] != 0))
    which(nz)
  })
  c(case, list(lambda = fit$lambda, df = fit$df, support = support))
})
writeLines(toJSON(list(glmnet = as.character(packageVersion("glmnet")), cases = out), digits = NA, auto_unbox = TRUE),
  "test/fixtures/refs/multinomial_limits.json")
