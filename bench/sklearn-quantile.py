"""scikit-learn's QuantileRegressor on the data of bench/robust.ts, one fit per λ.

    python3 bench/sklearn-quantile.py DIR N P TAU LAMBDA1,LAMBDA2,...

DIR holds X.bin (N x P float64 little-endian, row-major) and y.bin (N float64). Each λ is
fitted on its own (scikit-learn has no path) with the exact LP solver HiGHS and an
unpenalized intercept, i.e. it minimizes (1/n) Σ ρ_τ(y − b0 − Xβ) + λ‖β‖₁, proxpath's
objective with standardize false. Prints one JSON object on stdout: per λ the wall time of
fit() alone, intercept, coef and that objective evaluated here in float64.
"""

import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import QuantileRegressor


def objective(X, y, tau, lam, intercept, coef):
    residual = y - intercept - X @ coef
    pinball = np.maximum(tau * residual, (tau - 1) * residual)
    return float(pinball.mean() + lam * np.abs(coef).sum())


def main():
    directory, n, p, tau, lambdas = sys.argv[1:6]
    n, p, tau = int(n), int(p), float(tau)
    lambdas = [float(value) for value in lambdas.split(",")]
    X = np.fromfile(f"{directory}/X.bin", dtype="<f8").reshape(n, p)
    y = np.fromfile(f"{directory}/y.bin", dtype="<f8")

    fits = []
    for lam in lambdas:
        model = QuantileRegressor(quantile=tau, alpha=lam, solver="highs", fit_intercept=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            start = time.perf_counter()
            model.fit(X, y)
            seconds = time.perf_counter() - start
        coef = model.coef_.astype(np.float64)
        fits.append({
            "lambda": lam,
            "seconds": seconds,
            "intercept": float(model.intercept_),
            "coef": coef.tolist(),
            "objective": objective(X, y, tau, lam, float(model.intercept_), coef),
            "warnings": [str(warning.message) for warning in caught],
        })
    json.dump({"sklearn": sklearn.__version__, "python": sys.version.split()[0], "fits": fits}, sys.stdout)


if __name__ == "__main__":
    main()
