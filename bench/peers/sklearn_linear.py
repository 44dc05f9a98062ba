"""Peer measurements for `npm run bench:linear`: scikit-learn on the same files, same settings.

Usage: python3 sklearn_linear.py TASK_JSON
TASK_JSON names the raw files written by bench/linear/benchData.ts and the estimator settings. Prints one JSON
object on stdout: fit seconds (best of `repeat`), test accuracy, iterations and, for LogisticRegression, the
fitted coefficients (so the benchmark can evaluate both solutions with one objective function).
Prints {"skipped": reason} when scikit-learn is not importable.
"""
import json
import sys
import time

try:
    import numpy as np
    import scipy.sparse as sp
    import sklearn
    from sklearn.linear_model import LogisticRegression, SGDClassifier
except Exception as exc:  # pragma: no cover - environment without the peer
    print(json.dumps({"skipped": f"scikit-learn not importable: {exc}"}))
    sys.exit(0)


def dense(files, rows, cols, test_rows):
    X = np.fromfile(files["X"], dtype=np.float64).reshape(rows, cols)
    y = np.fromfile(files["y"], dtype=np.int32)
    Xt = np.fromfile(files["Xtest"], dtype=np.float64).reshape(test_rows, cols)
    yt = np.fromfile(files["ytest"], dtype=np.int32)
    return X, y, Xt, yt


def sparse(files, cols):
    def csr(p, i, v):
        indptr = np.fromfile(files[p], dtype=np.int32)
        return sp.csr_matrix(
            (np.fromfile(files[v], dtype=np.float64), np.fromfile(files[i], dtype=np.int32), indptr),
            shape=(len(indptr) - 1, cols),
        )

    X = csr("indptr", "indices", "values")
    Xt = csr("tindptr", "tindices", "tvalues")
    return X, np.fromfile(files["y"], dtype=np.int32), Xt, np.fromfile(files["ytest"], dtype=np.int32)


def main():
    task = json.loads(open(sys.argv[1]).read() if not sys.argv[1].lstrip().startswith("{") else sys.argv[1])
    if task["data"] == "dense":
        X, y, Xt, yt = dense(task["files"], task["rows"], task["cols"], task["testRows"])
    else:
        X, y, Xt, yt = sparse(task["files"], task["cols"])
    make = {"sgd": SGDClassifier, "logreg": LogisticRegression}[task["model"]]
    best = float("inf")
    model = None
    for _ in range(task.get("repeat", 1)):
        m = make(**task["params"])
        t0 = time.perf_counter()
        m.fit(X, y)
        best = min(best, time.perf_counter() - t0)
        model = m
    out = {
        "sklearn": sklearn.__version__,
        "fit_seconds": best,
        "accuracy": float(model.score(Xt, yt)),
        "train_accuracy": float(model.score(X, y)),
        "n_iter": int(np.max(model.n_iter_)),
    }
    if task.get("return_coef"):
        out["coef"] = model.coef_.ravel().tolist()
        out["intercept"] = np.ravel(model.intercept_).tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
