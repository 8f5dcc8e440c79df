"""scikit-learn on one benchmark case, for src/bench/runners/sklearn.ts.

    python3 sklearn-bench.py DIR N P LOSS ALPHA REPEATS MAX_SECONDS

DIR holds X.bin (N x P float64 little-endian, column-major), y.bin (N) and lambda.bin (K).
The columns are centred and scaled to unit (1/n) standard deviation here, as proxpath's
standardize does, so that each estimator's penalty is proxpath's; coefficients go back to
the original scale. Per loss:
  squared:   enet_path(l1_ratio=alpha, alphas=λ): (1/2n)‖y − Xw‖² + λ(α‖w‖₁ + (1−α)/2‖w‖²), y centred
  logistic:  LogisticRegression(saga, elasticnet, C = 1/(nλ), warm start along the path)
  quantile:  QuantileRegressor(quantile=0.5, alpha=λ, HiGHS), one fit per λ (α = 1 only)
One untimed warm-up (the first λ), then up to REPEATS timed paths (no further one after
MAX_SECONDS). Prints JSON: times_ms, intercept, coef (K lists), version.
"""

import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, QuantileRegressor, enet_path


def path(loss, Z, y, alpha, lambdas):
    n = Z.shape[0]
    if loss == "squared":
        ym = y.mean()
        _, coefs, _ = enet_path(Z, y - ym, l1_ratio=alpha, alphas=lambdas, tol=1e-7, max_iter=100000)
        return [ym] * len(lambdas), coefs.T
    if loss == "logistic":
        model = LogisticRegression(penalty="elasticnet", solver="saga", l1_ratio=alpha, warm_start=True, tol=1e-6, max_iter=10000)
        intercepts, coefs = [], []
        for lam in lambdas:
            model.set_params(C=1.0 / (n * lam))
            model.fit(Z, y)
            intercepts.append(float(model.intercept_[0]))
            coefs.append(model.coef_[0].copy())
        return intercepts, np.array(coefs)
    if loss == "quantile":
        intercepts, coefs = [], []
        for lam in lambdas:
            model = QuantileRegressor(quantile=0.5, alpha=lam, solver="highs").fit(Z, y)
            intercepts.append(float(model.intercept_))
            coefs.append(model.coef_.copy())
        return intercepts, np.array(coefs)
    raise ValueError(f"no scikit-learn estimator for loss {loss}")


def main():
    directory, n, p, loss, alpha, repeats, max_seconds = sys.argv[1:8]
    n, p, alpha, repeats, max_seconds = int(n), int(p), float(alpha), int(repeats), float(max_seconds)
    X = np.fromfile(f"{directory}/X.bin", dtype="<f8").reshape(p, n).T
    y = np.fromfile(f"{directory}/y.bin", dtype="<f8")
    lambdas = np.fromfile(f"{directory}/lambda.bin", dtype="<f8")
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1
    Z = (X - mean) / scale
    warnings.simplefilter("ignore", ConvergenceWarning)
    path(loss, Z, y, alpha, lambdas[:1])
    times = []
    while len(times) < repeats and (not times or sum(times) < max_seconds * 1000):
        start = time.perf_counter()
        intercepts, coefs = path(loss, Z, y, alpha, lambdas)
        times.append((time.perf_counter() - start) * 1000)
    beta = coefs / scale
    b0 = np.array(intercepts) - beta @ mean
    json.dump({"times_ms": times, "intercept": b0.tolist(), "coef": beta.tolist(), "version": f"scikit-learn {sklearn.__version__}"}, sys.stdout)


if __name__ == "__main__":
    main()
