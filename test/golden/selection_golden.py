"""Golden values for lsml's model selection, computed with scikit-learn.

Run with Debian's python3-sklearn (1.2.x):  /usr/bin/python3 test/golden/selection_golden.py
Writes test/golden/selection.json (the tests read it; Python is not needed to run them).
Only deterministic outputs are recorded: splitters without shuffling, split sizes, parameter-grid order, and
searches / cross-validation / learning curves of the dummy estimators over fixed folds.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.model_selection import (
    GridSearchCV,
    GroupKFold,
    KFold,
    ParameterGrid,
    StratifiedKFold,
    TimeSeriesSplit,
    cross_validate,
    learning_curve,
    validation_curve,
)
from sklearn.model_selection._split import _validate_shuffle_split

rng = np.random.RandomState(0)
out = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__}


def splits(cv, X, y=None, groups=None):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in cv.split(X, y, groups)]


# KFold without shuffling
out["kfold"] = []
for n, k in [(10, 3), (11, 5), (5, 5), (23, 4), (7, 2)]:
    out["kfold"].append({"n": n, "nSplits": k, "splits": splits(KFold(k), np.zeros((n, 1)))})

# StratifiedKFold without shuffling: random labels, several class counts, string labels too
out["stratifiedKFold"] = []
for case in range(30):
    n = int(rng.randint(8, 60))
    n_classes = int(rng.randint(2, 5))
    k = int(rng.randint(2, 6))
    y = rng.randint(0, n_classes, size=n)
    counts = np.bincount(y)
    if np.all(k > counts[counts > 0]):
        continue
    labels = y.tolist() if case % 3 else ["c%d" % v for v in y]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = splits(StratifiedKFold(k), np.zeros((n, 1)), np.array(labels))
    out["stratifiedKFold"].append({"y": labels, "nSplits": k, "splits": s})

# GroupKFold (group sizes distinct or few groups, where numpy's argsort order is unambiguous)
out["groupKFold"] = []
for case in range(15):
    n_groups = int(rng.randint(3, 12))
    k = int(rng.randint(2, min(n_groups, 5) + 1))
    groups = rng.randint(0, n_groups, size=int(rng.randint(n_groups, 50)))
    if len(np.unique(groups)) < k:
        continue
    out["groupKFold"].append(
        {"groups": groups.tolist(), "nSplits": k, "splits": splits(GroupKFold(k), np.zeros((len(groups), 1)), None, groups)}
    )

# TimeSeriesSplit
out["timeSeriesSplit"] = []
for n, k, max_train, test_size, gap in [
    (12, 3, None, None, 0),
    (20, 5, None, None, 0),
    (20, 4, 5, None, 0),
    (20, 3, None, 2, 1),
    (30, 5, 10, 3, 2),
    (6, 5, None, None, 0),
]:
    cv = TimeSeriesSplit(n_splits=k, max_train_size=max_train, test_size=test_size, gap=gap)
    out["timeSeriesSplit"].append(
        {"n": n, "nSplits": k, "maxTrainSize": max_train, "testSize": test_size, "gap": gap, "splits": splits(cv, np.zeros((n, 1)))}
    )

# Train/test sizes (test rounds up, train down)
out["splitSizes"] = []
for n, test, train in [
    (10, None, None),
    (10, 0.25, None),
    (11, 0.25, None),
    (11, None, 0.3),
    (100, 0.33, None),
    (7, 0.1, 0.5),
    (7, 2, None),
    (7, None, 3),
    (50, 0.2, 0.7),
    (3, 0.5, None),
    (1000, 0.123, None),
    (9, 0.1, 0.8),
]:
    n_train, n_test = _validate_shuffle_split(n, test, train, default_test_size=0.25)
    out["splitSizes"].append({"n": n, "testSize": test, "trainSize": train, "nTrain": n_train, "nTest": n_test})

# ParameterGrid order
grids = [
    {"b": [1, 2], "a": ["x", "y", "z"]},
    [{"kernel": ["linear"], "C": [1, 10]}, {"kernel": ["rbf"], "gamma": [0.1, 0.01], "C": [1]}],
    {"z": [True], "y": [0, 1], "x": [None, "q"]},
]
out["parameterGrid"] = [{"grid": g, "candidates": list(ParameterGrid(g))} for g in grids]

# Searches, cross-validation and curves of the dummy estimators over fixed folds
n = 30
Xd = rng.normal(size=(n, 2))
y_cls = rng.randint(0, 3, size=n)
y_reg = rng.normal(size=n) * 3 + Xd[:, 0]
folds = [(np.setdiff1d(np.arange(n), te), te) for te in np.array_split(rng.permutation(n), 5)]
out["data"] = {"X": Xd.tolist(), "yClass": y_cls.tolist(), "yReg": y_reg.tolist(), "folds": [{"train": a.tolist(), "test": b.tolist()} for a, b in folds]}


def cv_results(search, names):
    r = search.cv_results_
    res = {"params": [dict(p) for p in r["params"]]}
    for name in names:
        res[name] = {
            "mean": r["mean_test_%s" % name].tolist(),
            "std": r["std_test_%s" % name].tolist(),
            "rank": r["rank_test_%s" % name].tolist(),
            "split": [[r["split%d_test_%s" % (k, name)][c] for k in range(len(folds))] for c in range(len(r["params"]))],
            "meanTrain": r["mean_train_%s" % name].tolist(),
        }
    return res


reg_grid = {"strategy": ["mean", "median", "quantile"], "quantile": [0.1, 0.5, 0.9]}
s = GridSearchCV(DummyRegressor(), reg_grid, cv=folds, scoring="neg_mean_absolute_error", return_train_score=True).fit(Xd, y_reg)
out["gridSearchRegressor"] = {
    "grid": reg_grid,
    "scoring": "neg_mean_absolute_error",
    "results": cv_results(s, ["score"]),
    "bestParams": s.best_params_,
    "bestScore": s.best_score_,
    "bestIndex": int(s.best_index_),
}
cls_grid = {"strategy": ["most_frequent", "prior", "constant"], "constant": [0, 2]}
s = GridSearchCV(
    DummyClassifier(), cls_grid, cv=folds, scoring=["accuracy", "neg_log_loss"], refit="neg_log_loss", return_train_score=True
).fit(Xd, y_cls)
out["gridSearchClassifier"] = {
    "grid": cls_grid,
    "scoring": ["accuracy", "neg_log_loss"],
    "refit": "neg_log_loss",
    "results": cv_results(s, ["accuracy", "neg_log_loss"]),
    "bestParams": s.best_params_,
    "bestScore": s.best_score_,
    "bestIndex": int(s.best_index_),
}

r = cross_validate(
    DummyRegressor(strategy="median"), Xd, y_reg, cv=folds,
    scoring=["r2", "neg_mean_squared_error", "neg_root_mean_squared_error", "max_error", "explained_variance"],
    return_train_score=True,
)
out["crossValidateRegressor"] = {k: v.tolist() for k, v in r.items() if k.startswith("test_") or k.startswith("train_")}
r = cross_validate(
    DummyClassifier(strategy="prior"), Xd, y_cls, cv=folds,
    scoring=["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "precision_micro", "recall_macro", "neg_log_loss", "roc_auc_ovr", "matthews_corrcoef"],
)
out["crossValidateClassifier"] = {k: v.tolist() for k, v in r.items() if k.startswith("test_")}
r = cross_validate(DummyClassifier(strategy="prior"), Xd, y_cls, cv=5, scoring="accuracy")
out["crossValidateDefaultCv"] = {"test_score": r["test_score"].tolist()}

sizes, tr, te = learning_curve(DummyRegressor(), Xd, y_reg, cv=folds, train_sizes=[0.1, 0.33, 0.5, 1.0], scoring="r2")
out["learningCurve"] = {"trainSizes": [0.1, 0.33, 0.5, 1.0], "trainSizesAbs": sizes.tolist(), "trainScores": tr.tolist(), "testScores": te.tolist()}
tr, te = validation_curve(DummyRegressor(strategy="quantile"), Xd, y_reg, param_name="quantile", param_range=[0.2, 0.5, 0.8], cv=folds, scoring="neg_mean_squared_error")
out["validationCurve"] = {"paramRange": [0.2, 0.5, 0.8], "trainScores": tr.tolist(), "testScores": te.tolist()}

# The dummy estimators used above, on their own: statistics with and without sample weights
out["dummyRegressor"] = []
for case in range(12):
    n = int(rng.randint(1, 30))
    y = np.round(rng.normal(size=n) * 10, 1 if case % 2 else 3)
    w = rng.uniform(0, 2, size=n) if case % 3 == 0 else None
    if w is not None and case % 2:
        w[rng.uniform(size=n) < 0.3] = 0
        w[0] = 1.0
    for strategy, extra in [("mean", {}), ("median", {}), ("quantile", {"quantile": float(rng.uniform())}), ("quantile", {"quantile": 0.0}), ("quantile", {"quantile": 1.0})]:
        est = DummyRegressor(strategy=strategy, **extra).fit(np.zeros((n, 1)), y, sample_weight=w)
        out["dummyRegressor"].append({"y": y.tolist(), "sampleWeight": None if w is None else w.tolist(), "strategy": strategy, **extra, "constant": float(est.constant_[0][0])})
out["dummyClassifier"] = []
for case in range(10):
    n = int(rng.randint(2, 30))
    y = rng.randint(0, 4, size=n)
    labels = y.tolist() if case % 2 else ["k%d" % v for v in y]
    w = rng.uniform(0, 2, size=n) if case % 3 == 0 else None
    for strategy in ["prior", "most_frequent"]:
        est = DummyClassifier(strategy=strategy).fit(np.zeros((n, 1)), labels, sample_weight=w)
        out["dummyClassifier"].append({
            "y": labels, "sampleWeight": None if w is None else w.tolist(), "strategy": strategy,
            "classes": est.classes_.tolist(), "classPrior": est.class_prior_.tolist(),
            "predict": est.predict(np.zeros((2, 1))).tolist(), "proba": est.predict_proba(np.zeros((1, 1)))[0].tolist(),
        })

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "selection.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print("wrote", path)
