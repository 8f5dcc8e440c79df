# References for the terminal tables of `proxpath fit` and `proxpath cv` (test/cli-format.test.ts):
# glmnet's print(fit) and print(cv) on several data sets, with the numbers they print from, so
# that the test formats the same numbers and compares the text. Run from the repository root:
#   Rscript scripts/print-references.R      (writes test/fixtures/print/print-references.json)
suppressMessages({ library(glmnet); library(jsonlite) })

d <- read.csv("data/diabetes.csv")
x <- as.matrix(d[, setdiff(names(d), "y")])
b <- read.csv("data/breast-cancer.csv")
xb <- as.matrix(b[, setdiff(names(b), "y")])

# The printed table without the Call line and the blank lines around it.
printed <- function(object) {
  lines <- capture.output(print(object))
  lines <- lines[!grepl("^Call:", lines) & lines != ""]
  paste(lines, collapse = "\n")
}
fitCase <- function(name, fit) list(name = name, df = fit$df, devRatio = fit$dev.ratio, lambda = fit$lambda, printed = printed(fit))
cvCase <- function(name, cv) {
  list(name = name, lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd, nzero = unname(cv$nzero),
       indexMin = match(cv$lambda.min, cv$lambda) - 1, index1se = match(cv$lambda.1se, cv$lambda) - 1,
       measureName = unname(cv$name), printed = printed(cv))
}

set.seed(1)
fits <- list(
  fitCase("diabetes lasso", glmnet(x, d$y)),
  fitCase("diabetes y / 1e4 (small λ)", glmnet(x, d$y / 1e4)),
  fitCase("diabetes y * 1e5 (large λ)", glmnet(x, d$y * 1e5)),
  fitCase("diabetes ridge", glmnet(x, d$y, alpha = 0)),
  fitCase("breast cancer logistic", glmnet(xb, b$y, family = "binomial"))
)
cvs <- list(
  cvCase("diabetes mse", cv.glmnet(x, d$y)),
  cvCase("diabetes y / 1e4 mae", cv.glmnet(x, d$y / 1e4, type.measure = "mae")),
  cvCase("breast cancer auc", cv.glmnet(xb, b$y, family = "binomial", type.measure = "auc")),
  cvCase("breast cancer deviance", cv.glmnet(xb, b$y, family = "binomial")),
  cvCase("breast cancer class", cv.glmnet(xb, b$y, family = "binomial", type.measure = "class"))
)
dir.create("test/fixtures/print", showWarnings = FALSE)
writeLines(toJSON(list(glmnet = as.character(packageVersion("glmnet")), R = R.version.string, fits = fits, cvs = cvs),
                  auto_unbox = TRUE, digits = NA, pretty = FALSE),
           "test/fixtures/print/print-references.json")
