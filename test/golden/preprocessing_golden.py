"""Golden values for lsml's preprocessing, computed with scikit-learn.

Run with Debian's python3-sklearn (1.2.x):  /usr/bin/python3 test/golden/preprocessing_golden.py
Writes test/golden/preprocessing.json; the tests compare against it and do not need Python.
Each case names the lsml class, its options (camelCase), the data to fit on (optionally in chunks for partialFit),
the data to transform, and the expected learned attributes and outputs. Non-finite numbers are written as the
strings "NaN", "Infinity", "-Infinity"; missing categories (None / NaN) as null.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (
    LabelEncoder,
    MaxAbsScaler,
    MinMaxScaler,
    Normalizer,
    OneHotEncoder,
    OrdinalEncoder,
    PolynomialFeatures,
    RobustScaler,
    StandardScaler,
)

warnings.simplefilter("ignore")
rng = np.random.RandomState(42)


def enc(v):
    """JSON-safe copy: arrays to lists, non-finite floats to strings, numpy scalars to Python."""
    if isinstance(v, np.ndarray):
        return [enc(x) for x in v.tolist()] if v.dtype != object else [enc(x) for x in v]
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (np.floating, float)):
        v = float(v)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, np.str_):
        return str(v)
    return v


def cat(v):
    """A category for JSON: missing (None / NaN) as null."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return enc(v)


def dense(m):
    return m.toarray() if sp.issparse(m) else np.asarray(m)


cases = []


def add(cls, options, est, fit, transform, attrs, chunks=None, sparse=False, fit_kwargs=None, inverse=False):
    fit_kwargs = fit_kwargs or {}
    if chunks:
        for c in chunks:
            est.partial_fit(c, **fit_kwargs)
    else:
        est.fit(fit, **fit_kwargs)
    Xt = est.transform(transform)
    case = {
        "class": cls,
        "options": options,
        "sparse": sparse,
        "fit": enc(dense(fit)) if fit is not None else None,
        "chunks": [enc(dense(c)) for c in chunks] if chunks else None,
        "sampleWeight": enc(fit_kwargs.get("sample_weight")) if "sample_weight" in fit_kwargs else None,
        "transform": enc(dense(transform)) if not isinstance(transform, list) else enc(transform),
        "expected": {"transform": enc(dense(Xt)) if not isinstance(Xt, list) else enc(Xt)},
    }
    if inverse:
        case["expected"]["inverseTransform"] = enc(dense(est.inverse_transform(Xt)))
    for name, value in attrs(est).items():
        case["expected"][name] = value
    cases.append(case)


def data(n, m, scale=1.0, nan=0.0, const_col=None):
    X = rng.normal(size=(n, m)) * scale * rng.uniform(0.1, 10, size=m) + rng.normal(size=m) * 5
    if const_col is not None:
        X[:, const_col] = 3.7
    if nan:
        X[rng.uniform(size=X.shape) < nan] = np.nan
    return X


# --- StandardScaler -----------------------------------------------------------------------------------------------
def std_attrs(e):
    return {
        "mean": enc(e.mean_) if e.mean_ is not None else None,
        "var": enc(e.var_) if e.var_ is not None else None,
        "scale": enc(e.scale_) if e.scale_ is not None else None,
        "nSamplesSeen": enc(e.n_samples_seen_),
    }


for with_mean, with_std in [(True, True), (False, True), (True, False), (False, False)]:
    X = data(40, 4, const_col=2)
    add("StandardScaler", {"withMean": with_mean, "withStd": with_std}, StandardScaler(with_mean=with_mean, with_std=with_std), X, data(10, 4), std_attrs, inverse=True)
X = data(30, 3, nan=0.2)
add("StandardScaler", {}, StandardScaler(), X, data(5, 3, nan=0.3), std_attrs)
X = data(25, 1, scale=1e6)
add("StandardScaler", {}, StandardScaler(), X, X, std_attrs)
X = data(200, 5)
add("StandardScaler", {}, StandardScaler(), None, X[:7], std_attrs, chunks=[X[:50], X[50:51], X[51:140], X[140:]])
X = data(30, 3)
add("StandardScaler", {}, StandardScaler(), X, X, std_attrs, fit_kwargs={"sample_weight": rng.uniform(0, 3, size=30)})
Xs = sp.random(30, 6, density=0.3, random_state=1, format="csr") * 10
add("StandardScaler", {"withMean": False}, StandardScaler(with_mean=False), Xs, Xs, std_attrs, sparse=True)

# --- MinMaxScaler ---------------------------------------------------------------------------------------------------
def minmax_attrs(e):
    return {"dataMin": enc(e.data_min_), "dataMax": enc(e.data_max_), "scale": enc(e.scale_), "min": enc(e.min_), "nSamplesSeen": int(e.n_samples_seen_)}


for fr, clip in [((0, 1), False), ((-3, 2), False), ((0, 1), True)]:
    add("MinMaxScaler", {"featureRange": list(fr), "clip": clip}, MinMaxScaler(feature_range=fr, clip=clip), data(30, 3, const_col=1), data(8, 3, scale=3), minmax_attrs, inverse=not clip)
add("MinMaxScaler", {}, MinMaxScaler(), data(30, 3, nan=0.2), data(6, 3, nan=0.2), minmax_attrs)
X = data(60, 3)
add("MinMaxScaler", {}, MinMaxScaler(), None, X[:9], minmax_attrs, chunks=[X[:10], X[10:45], X[45:]])

# --- MaxAbsScaler ---------------------------------------------------------------------------------------------------
def maxabs_attrs(e):
    return {"maxAbs": enc(e.max_abs_), "scale": enc(e.scale_), "nSamplesSeen": int(e.n_samples_seen_)}


add("MaxAbsScaler", {}, MaxAbsScaler(), data(30, 4, const_col=0) * 0 + data(30, 4), data(7, 4), maxabs_attrs, inverse=True)
X = data(30, 4)
X[:, 1] = 0
add("MaxAbsScaler", {}, MaxAbsScaler(), X, X, maxabs_attrs)
Xs = sp.random(40, 7, density=0.25, random_state=3, format="csr") * -5
add("MaxAbsScaler", {}, MaxAbsScaler(), Xs, Xs, maxabs_attrs, sparse=True, inverse=True)
X = data(50, 3, nan=0.1)
add("MaxAbsScaler", {}, MaxAbsScaler(), None, X[:5], maxabs_attrs, chunks=[X[:20], X[20:]])

# --- RobustScaler ---------------------------------------------------------------------------------------------------
def robust_attrs(e):
    return {"center": enc(e.center_) if e.center_ is not None else None, "scale": enc(e.scale_) if e.scale_ is not None else None}


for opts, py in [
    ({}, {}),
    ({"quantileRange": [10, 90]}, {"quantile_range": (10, 90)}),
    ({"unitVariance": True}, {"unit_variance": True}),
    ({"withCentering": False, "quantileRange": [5, 60]}, {"with_centering": False, "quantile_range": (5, 60)}),
    ({"withScaling": False}, {"with_scaling": False}),
]:
    add("RobustScaler", opts, RobustScaler(**py), data(31, 3, const_col=2), data(6, 3), robust_attrs, inverse=True)
add("RobustScaler", {}, RobustScaler(), data(40, 3, nan=0.25), data(5, 3, nan=0.2), robust_attrs)
Xs = sp.random(40, 5, density=0.6, random_state=5, format="csr") * 3
add("RobustScaler", {"withCentering": False}, RobustScaler(with_centering=False), Xs, Xs, robust_attrs, sparse=True)

# --- Normalizer -----------------------------------------------------------------------------------------------------
for norm in ["l2", "l1", "max"]:
    X = data(12, 4)
    X[3] = 0
    add("Normalizer", {"norm": norm}, Normalizer(norm=norm), X, X, lambda e: {})
    Xs = sp.random(12, 6, density=0.4, random_state=7, format="csr") - sp.random(12, 6, density=0.2, random_state=8, format="csr")
    add("Normalizer", {"norm": norm}, Normalizer(norm=norm), Xs, Xs, lambda e: {}, sparse=True)

# --- PolynomialFeatures ---------------------------------------------------------------------------------------------
for opts, py in [
    ({}, {}),
    ({"degree": 3}, {"degree": 3}),
    ({"degree": 3, "interactionOnly": True}, {"degree": 3, "interaction_only": True}),
    ({"degree": 2, "includeBias": False}, {"degree": 2, "include_bias": False}),
    ({"degree": [2, 3]}, {"degree": (2, 3)}),
    ({"degree": 4}, {"degree": 4}),
]:
    add(
        "PolynomialFeatures",
        opts,
        PolynomialFeatures(**py),
        data(5, 3),
        data(6, 3),
        lambda e: {"powers": enc(e.powers_), "featureNamesOut": list(e.get_feature_names_out())},
    )

# --- Encoders -------------------------------------------------------------------------------------------------------
colors = ["red", "green", "blue", "teal"]
sizes = ["S", "M", "L", "XL", "XXL"]


def cat_rows(n, p_missing=0.0, numeric=False):
    rows = []
    for _ in range(n):
        c = colors[min(3, int(rng.exponential(1.0)))]
        s = sizes[rng.randint(0, 5)]
        k = int(rng.randint(0, 4)) if numeric else None
        if p_missing and rng.uniform() < p_missing:
            c = None
        row = [c, s] + ([k] if numeric else [])
        rows.append(row)
    return rows


def to_obj(rows):
    return np.array(rows, dtype=object)


def ohe_attrs(e):
    out = {"categories": [[cat(c) for c in cats] for cats in e.categories_]}
    out["dropIdx"] = None if e.drop_idx_ is None else [None if d is None else int(d) for d in e.drop_idx_]
    infreq = e.infrequent_categories_ if e._infrequent_enabled else [None] * len(e.categories_)
    out["infrequentCategories"] = [None if i is None else [cat(c) for c in i] for i in infreq]
    out["featureNamesOut"] = [str(n) for n in e.get_feature_names_out()]
    return out


fit_rows = cat_rows(40, numeric=True)
tr_rows = cat_rows(12, numeric=True)
for opts, py in [
    ({}, {}),
    ({"drop": "first"}, {"drop": "first"}),
    ({"drop": "if_binary"}, {"drop": "if_binary"}),
    ({"drop": ["green", "M", 2]}, {"drop": ["green", "M", 2]}),
    ({"minFrequency": 6}, {"min_frequency": 6}),
    ({"minFrequency": 0.2}, {"min_frequency": 0.2}),
    ({"maxCategories": 3}, {"max_categories": 3}),
    ({"maxCategories": 2, "minFrequency": 3, "drop": "first"}, {"max_categories": 2, "min_frequency": 3, "drop": "first"}),
]:
    add("OneHotEncoder", {**opts, "sparseOutput": False}, OneHotEncoder(sparse_output=False, **py), to_obj(fit_rows), to_obj(tr_rows), ohe_attrs)
unknown_rows = tr_rows[:4] + [["purple", "S", 1], ["red", "XS", 9]]
for opts, py in [
    ({"handleUnknown": "ignore"}, {"handle_unknown": "ignore"}),
    ({"handleUnknown": "infrequent_if_exist", "minFrequency": 5}, {"handle_unknown": "infrequent_if_exist", "min_frequency": 5}),
    ({"handleUnknown": "ignore", "drop": "first"}, {"handle_unknown": "ignore", "drop": "first"}),
]:
    add("OneHotEncoder", {**opts, "sparseOutput": False}, OneHotEncoder(sparse_output=False, **py), to_obj(fit_rows), to_obj(unknown_rows), ohe_attrs)
miss_rows = cat_rows(30, p_missing=0.2)
add("OneHotEncoder", {"sparseOutput": False}, OneHotEncoder(sparse_output=False), to_obj(miss_rows), to_obj(miss_rows[:8]), ohe_attrs)
given = [["teal", "red", "green", "blue"], ["XXL", "XL", "L", "M", "S"], [0, 1, 2, 3]]
add("OneHotEncoder", {"categories": given, "sparseOutput": False}, OneHotEncoder(categories=given, sparse_output=False), to_obj(fit_rows), to_obj(tr_rows), ohe_attrs)
num = rng.randint(0, 5, size=(30, 2)).astype(float)
num[rng.uniform(size=num.shape) < 0.15] = np.nan
add("OneHotEncoder", {"sparseOutput": False}, OneHotEncoder(sparse_output=False), num, num[:10], lambda e: {"categories": [[cat(c) for c in cats] for cats in e.categories_]})


def ord_attrs(e):
    return {"categories": [[cat(c) for c in cats] for cats in e.categories_]}


add("OrdinalEncoder", {}, OrdinalEncoder(), to_obj(fit_rows), to_obj(tr_rows), ord_attrs, inverse=True)
add(
    "OrdinalEncoder",
    {"handleUnknown": "use_encoded_value", "unknownValue": -1},
    OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1),
    to_obj(fit_rows),
    to_obj(unknown_rows),
    ord_attrs,
)
add("OrdinalEncoder", {}, OrdinalEncoder(), to_obj(miss_rows), to_obj(miss_rows), ord_attrs)
add("OrdinalEncoder", {"encodedMissingValue": -7}, OrdinalEncoder(encoded_missing_value=-7), num, num, ord_attrs)

# --- SimpleImputer --------------------------------------------------------------------------------------------------
def imp_attrs(e):
    return {"statistics": [cat(s) for s in e.statistics_]}


for opts, py in [
    ({}, {}),
    ({"strategy": "median"}, {"strategy": "median"}),
    ({"strategy": "most_frequent"}, {"strategy": "most_frequent"}),
    ({"strategy": "constant", "fillValue": -1}, {"strategy": "constant", "fill_value": -1}),
    ({"strategy": "mean", "keepEmptyFeatures": True}, {"strategy": "mean", "keep_empty_features": True}),
    ({"strategy": "median", "addIndicator": True}, {"strategy": "median", "add_indicator": True}),
]:
    X = np.round(data(30, 4, nan=0.25), 1)
    X[:, 2] = np.nan
    X[0, 3] = np.nan
    X2 = np.round(data(8, 4, nan=0.2), 1)
    X2[:, 2] = np.nan
    if py.get("add_indicator"):
        X2[:, 0] = 1.0
        X2[1, 0] = np.nan
    add("SimpleImputer", opts, SimpleImputer(**py), X, X2, imp_attrs)
X = rng.randint(0, 4, size=(25, 3)).astype(float)
add("SimpleImputer", {"missingValues": 0, "strategy": "mean"}, SimpleImputer(missing_values=0, strategy="mean"), X, X, imp_attrs)
srows = [[r[0], r[1]] for r in cat_rows(25, p_missing=0.3)]
add("SimpleImputer", {"strategy": "most_frequent", "missingValues": None}, SimpleImputer(strategy="most_frequent", missing_values=None), to_obj(srows), to_obj(srows[:10]), imp_attrs)
add("SimpleImputer", {"strategy": "constant", "missingValues": None}, SimpleImputer(strategy="constant", missing_values=None), to_obj(srows), to_obj(srows[:10]), imp_attrs)

# --- LabelEncoder ---------------------------------------------------------------------------------------------------
le = LabelEncoder().fit(["b", "a", "c", "a"])
label_cases = [{"y": ["b", "a", "c", "a"], "classes": list(le.classes_), "codes": enc(le.transform(["c", "a"])), "of": ["c", "a"]}]
le = LabelEncoder().fit([10, -2, 3.5, 10])
label_cases.append({"y": [10, -2, 3.5, 10], "classes": enc(le.classes_), "codes": enc(le.transform([3.5, -2])), "of": [3.5, -2]})

out = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__, "cases": cases, "labelEncoder": label_cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "preprocessing.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"), allow_nan=False)
print("wrote", path, len(cases), "cases")
