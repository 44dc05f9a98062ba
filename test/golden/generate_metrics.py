# Regenerate: apt-get install -y python3-sklearn && /usr/bin/python3 test/golden/generate_metrics.py
#   (Debian's scikit-learn 1.2.1; writes test/golden/metrics.json deterministically from a fixed seed).
"""Golden values for lsml's metrics (src/metrics), computed with scikit-learn.

Every case names the lsml function, its arguments and camelCase options, and records what scikit-learn
returned (or the error it raised) and the warnings it emitted. test/metrics/golden.test.ts replays the cases
against lsml without Python. NaN and infinities are written as {"$f": "NaN" | "Infinity" | "-Infinity"}.
"""
import json
import os
import re
import warnings

import numpy as np
import scipy
import sklearn
from sklearn import metrics as M

SEED = 20240607
rng = np.random.default_rng(SEED)
cases = []


# ---------------------------------------------------------------------------------------------- encoding


def enc(x):
    """Python/NumPy value -> JSON-safe value (special floats tagged)."""
    if isinstance(x, dict):
        return {str(k): enc(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, np.ndarray):
        return enc(x.tolist())
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        if np.isnan(f):
            return {"$f": "NaN"}
        if np.isinf(f):
            return {"$f": "Infinity" if f > 0 else "-Infinity"}
        return f
    if isinstance(x, str) or x is None or isinstance(x, int):
        return x
    raise TypeError(f"cannot encode {type(x)}")


SHARED = {}


def shared(x):
    """Stores long arrays once in the file's `data` table; cases refer to them as {"$ref": key}."""
    if isinstance(x, list) and len(x) > 20:
        text = json.dumps(x, separators=(",", ":"), allow_nan=False)
        key = f"d{len(SHARED)}" if text not in SHARED else SHARED[text][0]
        SHARED.setdefault(text, (key, x))
        return {"$ref": SHARED[text][0]}
    return x


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def add(fn, sk, args, kwargs=None, *, convert=None, options=None, tag=""):
    """Runs scikit-learn and records one case for the lsml function `fn`."""
    kwargs = kwargs or {}
    if options is None:
        options = {camel(k): v for k, v in kwargs.items()}
    case = {"id": f"{fn}#{len(cases)}{'/' + tag if tag else ''}", "fn": fn,
            "args": [shared(a) for a in enc(list(args))],
            "options": {k: shared(v) for k, v in enc(options).items()}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = sk(*args, **kwargs)
            case["expected"] = enc(convert(result) if convert else result)
        except Exception as e:  # scikit-learn rejects these inputs: lsml must throw too
            case["error"] = {"type": type(e).__name__, "message": str(e)}
    case["warnings"] = [{"category": w.category.__name__, "message": str(w.message)} for w in caught]
    cases.append(case)


def prfs_dict(r):
    p, rc, f, s = r
    return {"precision": p, "recall": rc, "fScore": f, "support": s}


def curve(names):
    return lambda r: dict(zip(names, r))


# ------------------------------------------------------------------------------------------------ data


def pick(values, n, p=None):
    idx = rng.choice(len(values), size=n, p=p)
    return [values[i] for i in idx]


def noisy_copy(y, values, flip=0.35):
    """Predictions that agree with y except for a random fraction."""
    out = list(y)
    for i in range(len(out)):
        if rng.random() < flip:
            out[i] = values[rng.integers(len(values))]
    return out


WEIGHTS = {}


def weights(n, kind):
    """Sample weights of one kind; the same (n, kind) gives the same weights, so the file stores them once."""
    if kind is None:
        return None
    if (n, kind) not in WEIGHTS:
        WEIGHTS[(n, kind)] = make_weights(n, kind)
    return WEIGHTS[(n, kind)]


def make_weights(n, kind):
    if kind == "float":
        return (rng.random(n) * 2).tolist()
    if kind == "int":
        return rng.integers(1, 5, n).tolist()
    if kind == "zeros":
        w = (rng.random(n) * 3).tolist()
        for i in rng.choice(n, size=max(1, n // 5), replace=False):
            w[int(i)] = 0.0
        return w
    raise ValueError(kind)


def label_scenarios():
    """(name, y_true, y_pred) for binary and multiclass label problems."""
    s = []
    y = pick([0, 1], 30)
    s.append(("binary01", y, noisy_copy(y, [0, 1])))
    y = pick([-1, 1], 25)
    s.append(("binary_pm1", y, noisy_copy(y, [-1, 1])))
    y = pick([1, 2], 20)
    s.append(("binary12", y, noisy_copy(y, [1, 2])))
    y = pick(["no", "yes"], 24)
    s.append(("binary_str", y, noisy_copy(y, ["no", "yes"])))
    y = pick([0, 1, 2], 40)
    s.append(("multiclass3", y, noisy_copy(y, [0, 1, 2])))
    y = pick([1, 3, 7, 10], 35)
    s.append(("gaps", y, noisy_copy(y, [1, 3, 12])))  # 7, 10 never predicted; 12 never true
    y = pick(["ant", "bird", "cat", "dog"], 33)
    s.append(("multiclass_str", y, noisy_copy(y, ["ant", "bird", "cat", "dog", "eel"])))
    s.append(("single_true", [1] * 12, pick([0, 1], 12)))
    s.append(("single_both", [1] * 7, [1] * 7))
    y = pick([0, 1], 18)
    s.append(("all_zero_pred", y, [0] * 18))
    s.append(("all_zero_both", [0] * 9, [0] * 9))
    y = pick([0, 1, 2, 3], 16)
    s.append(("perfect", y, list(y)))
    y = pick(list(range(12)), 300)
    s.append(("twelve_classes", y, noisy_copy(y, list(range(12)), 0.5)))
    s.append(("one_sample", [2], [3]))
    y = pick([0, 1], 2000, p=[0.8, 0.2])
    s.append(("big_binary", y, noisy_copy(y, [0, 1], 0.2)))
    return s


def indicator(n, k, density=0.4):
    return (rng.random((n, k)) < density).astype(int)


def multilabel_scenarios():
    s = []
    yt = indicator(25, 4)
    yp = np.where(rng.random((25, 4)) < 0.3, 1 - yt, yt)
    s.append(("ml4", yt.tolist(), yp.tolist()))
    yt = indicator(20, 5)
    yt[:, 2] = 0  # a label never true
    yt[3, :] = 0  # a sample with no label
    yp = np.where(rng.random((20, 5)) < 0.3, 1 - yt, yt)
    yp[:, 2] = 0  # ... and never predicted
    yp[7, :] = 0
    s.append(("ml_empty", yt.tolist(), yp.tolist()))
    yt = indicator(15, 2, 0.5)
    s.append(("ml2_perfect", yt.tolist(), yt.tolist()))
    yt = indicator(150, 9, 0.3)
    yp = np.where(rng.random((150, 9)) < 0.25, 1 - yt, yt)
    s.append(("ml9", yt.tolist(), yp.tolist()))
    return s


LABELS = label_scenarios()
MULTILABEL = multilabel_scenarios()
AVERAGES = ["binary", "micro", "macro", "weighted", "samples", None]
ZERO_DIVISION = ["warn", 0, 1]

# ------------------------------------------------------------------------------- label-based metrics

for name, yt, yp in LABELS + MULTILABEL:
    n = len(yt)
    for normalize in (True, False):
        for wk in (None, "float"):
            add("accuracyScore", M.accuracy_score, [yt, yp],
                {"normalize": normalize, "sample_weight": weights(n, wk)}, tag=name)

for name, yt, yp in LABELS:
    n = len(yt)
    for adjusted in (False, True):
        for wk in (None, "float"):
            add("balancedAccuracyScore", M.balanced_accuracy_score, [yt, yp],
                {"adjusted": adjusted, "sample_weight": weights(n, wk)}, tag=name)

for name, yt, yp in LABELS + MULTILABEL:
    n = len(yt)
    for i, average in enumerate(AVERAGES):
        for j, zd in enumerate(ZERO_DIVISION):
            wk = [None, "float", "zeros"][(i + j) % 3]
            kw = {"average": average, "zero_division": zd, "sample_weight": weights(n, wk)}
            if name in ("binary_str",):
                kw["pos_label"] = "yes"
            if name == "binary12":
                kw["pos_label"] = 2
            add("precisionRecallFscoreSupport", M.precision_recall_fscore_support, [yt, yp], kw,
                convert=prfs_dict, tag=name)
            if zd == "warn" or (i + j) % 2 == 0:
                kw2 = dict(kw)
                add("precisionScore", M.precision_score, [yt, yp], kw2, tag=name)
                add("recallScore", M.recall_score, [yt, yp], kw2, tag=name)
                add("f1Score", M.f1_score, [yt, yp], kw2, tag=name)
            if zd == "warn" and average in ("binary", "macro", None, "samples"):
                for beta in (0.5, 2.0):
                    add("fbetaScore", M.fbeta_score, [yt, yp], dict(kw, beta=beta), tag=name)

# labels, pos_label and beta edge cases
for name, yt, yp in LABELS:
    if name == "gaps":
        for labels in ([3, 1], [1, 3, 7, 10, 12, 99], [7], [99]):
            for average in ("micro", "macro", "weighted", None):
                add("precisionRecallFscoreSupport", M.precision_recall_fscore_support, [yt, yp],
                    {"labels": labels, "average": average}, convert=prfs_dict, tag="labels")
                add("f1Score", M.f1_score, [yt, yp], {"labels": labels, "average": average}, tag="labels")
    if name == "multiclass_str":
        add("precisionScore", M.precision_score, [yt, yp], {"labels": ["dog", "ant"], "average": None})
        add("recallScore", M.recall_score, [yt, yp], {"pos_label": "cat", "average": "macro"}, tag="pos_ignored")
    if name == "binary_pm1":
        add("precisionScore", M.precision_score, [yt, yp], {"pos_label": -1})
        add("recallScore", M.recall_score, [yt, yp], {"pos_label": -1, "average": "micro"}, tag="pos_ignored")
        add("fbetaScore", M.fbeta_score, [yt, yp], {"beta": float("inf"), "pos_label": -1}, tag="beta_inf")
        add("fbetaScore", M.fbeta_score, [yt, yp], {"beta": 0.0}, tag="beta0")
    if name == "binary_str":
        add("f1Score", M.f1_score, [yt, yp], {}, tag="str_default_pos")  # pos_label=1 is not a label
        add("f1Score", M.f1_score, [yt, yp], {"pos_label": "no"})
    if name == "single_true":
        add("precisionScore", M.precision_score, [yt, yp], {"pos_label": 0})
        add("recallScore", M.recall_score, [yt, yp], {"pos_label": 0})
    if name == "single_both":
        add("f1Score", M.f1_score, [yt, yp], {"pos_label": 0}, tag="absent_pos")
        add("f1Score", M.f1_score, [yt, yp], {"pos_label": 0, "zero_division": 1}, tag="absent_pos")
for name, yt, yp in MULTILABEL[:2]:
    add("precisionRecallFscoreSupport", M.precision_recall_fscore_support, [yt, yp],
        {"labels": [3, 0], "average": None}, convert=prfs_dict, tag="ml_labels")
    add("f1Score", M.f1_score, [yt, yp], {"labels": [1, 2], "average": "samples"}, tag="ml_labels")
    add("f1Score", M.f1_score, [yt, yp], {"labels": [4 if name == "ml4" else 5], "average": "macro"},
        tag="ml_labels_out_of_range")

for name, yt, yp in LABELS + MULTILABEL:
    n = len(yt)
    for i, normalize in enumerate(("true", "pred", "all", None)):
        add("confusionMatrix", M.confusion_matrix, [yt, yp],
            {"normalize": normalize, "sample_weight": weights(n, [None, "float"][i % 2])}, tag=name)
    add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp],
        {"sample_weight": weights(n, "float")}, tag=name)
    add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp], {}, tag=name)
    add("matthewsCorrcoef", M.matthews_corrcoef, [yt, yp], {}, tag=name)
    add("matthewsCorrcoef", M.matthews_corrcoef, [yt, yp], {"sample_weight": weights(n, "float")}, tag=name)
    for kappa_w in (None, "linear", "quadratic"):
        add("cohenKappaScore", M.cohen_kappa_score, [yt, yp], {"weights": kappa_w}, tag=name)
    add("cohenKappaScore", M.cohen_kappa_score, [yt, yp],
        {"weights": "quadratic", "sample_weight": weights(n, "float")}, tag=name)

g = dict((s[0], s) for s in LABELS)
_, yt, yp = g["gaps"]
add("confusionMatrix", M.confusion_matrix, [yt, yp], {"labels": [10, 3, 1]}, tag="labels")
add("confusionMatrix", M.confusion_matrix, [yt, yp], {"labels": [12, 99]}, tag="labels_none_true")
add("confusionMatrix", M.confusion_matrix, [yt, yp], {"labels": [1, 3, 99], "normalize": "true"}, tag="labels")
add("cohenKappaScore", M.cohen_kappa_score, [yt, yp], {"labels": [1, 3, 7], "weights": "linear"}, tag="labels")
add("confusionMatrix", M.confusion_matrix, [[], []], {"labels": [0, 1]}, tag="empty_with_labels")
_, yt, yp = g["multiclass_str"]
add("confusionMatrix", M.confusion_matrix, [yt, yp], {"labels": ["dog", "cat", "ant"]}, tag="str_labels")
add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp], {"labels": ["eel", "ant"]}, tag="labels")
add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp], {"samplewise": True},
    tag="samplewise_multiclass")
for name, yt, yp in MULTILABEL:
    add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp],
        {"samplewise": True, "sample_weight": weights(len(yt), "float")}, tag=name)
    add("multilabelConfusionMatrix", M.multilabel_confusion_matrix, [yt, yp], {"labels": [1, 0]}, tag=name)

for name, yt, yp in LABELS + MULTILABEL:
    if name in ("big_binary", "twelve_classes", "ml9"):
        continue
    n = len(yt)
    for digits in (2, 4):
        add("classificationReport", M.classification_report, [yt, yp], {"digits": digits}, tag=name)
    add("classificationReport", M.classification_report, [yt, yp], {"output_dict": True}, tag=name)
    add("classificationReport", M.classification_report, [yt, yp],
        {"sample_weight": weights(n, "float"), "zero_division": 1}, tag=name)
    add("classificationReport", M.classification_report, [yt, yp],
        {"sample_weight": weights(n, "int"), "output_dict": True, "zero_division": 0}, tag=name)
_, yt, yp = g["multiclass3"]
add("classificationReport", M.classification_report, [yt, yp], {"target_names": ["setosa", "versicolor", "virginica"]})
add("classificationReport", M.classification_report, [yt, yp], {"target_names": ["a", "b"]}, tag="names_mismatch")
add("classificationReport", M.classification_report, [yt, yp],
    {"labels": [0, 1, 2, 5], "target_names": ["zero", "one", "two"]}, tag="names_short")
add("classificationReport", M.classification_report, [yt, yp], {"labels": [2, 0], "digits": 3}, tag="subset")
add("classificationReport", M.classification_report, [yt, yp], {"labels": [2, 0], "output_dict": True}, tag="subset")
_, yt, yp = g["twelve_classes"]
add("classificationReport", M.classification_report, [yt, yp], {"digits": 5}, tag="twelve")

# -------------------------------------------------------------------------------- score-based metrics


def binary_scores(n, ties=True):
    s = rng.random(n)
    return (np.round(s, 1) if ties else s).tolist()


def softmax_rows(n, k, ties=False):
    z = rng.normal(size=(n, k)) * 1.5
    if ties:
        z = np.round(z)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).tolist()


score_sets = []
y = pick([0, 1], 50)
score_sets.append(("b01_ties", y, binary_scores(50), None))
y = pick([0, 1], 40)
score_sets.append(("b01_distinct", y, binary_scores(40, ties=False), None))
y = pick([-1, 1], 30)
score_sets.append(("bpm1", y, (rng.normal(size=30) * 2).tolist(), None))
y = pick(["ham", "spam"], 30)
score_sets.append(("bstr", y, binary_scores(30), "spam"))
y = pick([1, 2], 26)
score_sets.append(("b12", y, binary_scores(26), 2))
y = pick([0, 1], 1500, p=[0.9, 0.1])
score_sets.append(("b_big", y, np.round(rng.random(1500), 3).tolist(), None))
score_sets.append(("all_tied", [0, 1, 0, 1, 1], [0.5] * 5, None))
score_sets.append(("perfect", [0, 0, 1, 1, 1], [0.1, 0.2, 0.7, 0.8, 0.9], None))
score_sets.append(("inverted", [1, 1, 0, 0], [0.1, 0.2, 0.7, 0.8], None))

for name, yt, ys, pos in score_sets:
    n = len(yt)
    for drop in (True, False):
        for wk in (None, "zeros"):
            add("rocCurve", M.roc_curve, [yt, ys],
                {"pos_label": pos, "sample_weight": weights(n, wk), "drop_intermediate": drop},
                convert=curve(["fpr", "tpr", "thresholds"]), tag=name)
    for wk in (None, "float", "zeros"):
        add("precisionRecallCurve", M.precision_recall_curve, [yt, ys],
            {"pos_label": pos, "sample_weight": weights(n, wk)},
            convert=curve(["precision", "recall", "thresholds"]), tag=name)
        add("averagePrecisionScore", M.average_precision_score, [yt, ys],
            {"pos_label": 1 if pos is None else pos, "sample_weight": weights(n, wk)}, tag=name)
    if pos is None:
        for max_fpr in (None, 0.3, 0.5, 1.0):
            for wk in (None, "float"):
                add("rocAucScore", M.roc_auc_score, [yt, ys],
                    {"max_fpr": max_fpr, "sample_weight": weights(n, wk)}, tag=name)
    else:
        add("rocAucScore", M.roc_auc_score, [yt, ys], {}, tag=name)  # greater label is positive
        add("rocCurve", M.roc_curve, [yt, ys], {}, convert=curve(["fpr", "tpr", "thresholds"]),
            tag=name + "_no_pos_label")

# single-class targets: warnings, NaN, errors
add("rocCurve", M.roc_curve, [[1, 1, 1], [0.2, 0.5, 0.9]], {}, convert=curve(["fpr", "tpr", "thresholds"]))
add("rocCurve", M.roc_curve, [[0, 0, 0], [0.2, 0.5, 0.9]], {}, convert=curve(["fpr", "tpr", "thresholds"]))
add("precisionRecallCurve", M.precision_recall_curve, [[0, 0, 0, 0], [0.2, 0.5, 0.5, 0.9]], {},
    convert=curve(["precision", "recall", "thresholds"]))
add("averagePrecisionScore", M.average_precision_score, [[0, 0, 0, 0], [0.2, 0.5, 0.5, 0.9]], {})
add("rocAucScore", M.roc_auc_score, [[1, 1, 1], [0.2, 0.5, 0.9]], {}, tag="single_class")
add("rocAucScore", M.roc_auc_score, [[0, 1, 0, 1], [0.2, 0.5, 0.9, 0.1]], {"sample_weight": [1, 0, 1, 0]},
    tag="weighted_away_positives")
add("rocCurve", M.roc_curve, [[0, 1, 2, 1], [0.2, 0.5, 0.9, 0.1]], {}, convert=curve(["fpr", "tpr", "thresholds"]),
    tag="multiclass_no_pos")
add("rocCurve", M.roc_curve, [[0, 1, 2, 1], [0.2, 0.5, 0.9, 0.1]], {"pos_label": 2},
    convert=curve(["fpr", "tpr", "thresholds"]), tag="multiclass_pos")
add("averagePrecisionScore", M.average_precision_score, [[0, 1, 2, 1], [0.2, 0.5, 0.9, 0.1]], {},
    tag="multiclass")
add("averagePrecisionScore", M.average_precision_score, [["a", "b", "a"], [0.2, 0.5, 0.9]], {}, tag="str_pos1")
add("rocAucScore", M.roc_auc_score, [[0, 1, 0, 1], [0.2, 0.5, 0.9]], {}, tag="length_mismatch")

# multiclass probabilities
mc_sets = []
y = pick([0, 1, 2], 60)
mc_sets.append(("mc3", y, softmax_rows(60, 3), None))
y = pick([0, 1, 2, 3], 45)
mc_sets.append(("mc4_ties", y, softmax_rows(45, 4, ties=True), None))
y = pick(["a", "b", "c"], 30)
mc_sets.append(("mc_str", y, softmax_rows(30, 3), None))
y = pick([0, 1, 3], 40)
mc_sets.append(("mc_missing", y, softmax_rows(40, 4), [0, 1, 2, 3]))
for name, yt, ys, labels in mc_sets:
    n = len(yt)
    for multi_class in ("ovr", "ovo"):
        for average in ("micro", "macro", "weighted", None):
            kw = {"multi_class": multi_class, "average": average, "labels": labels}
            add("rocAucScore", M.roc_auc_score, [yt, ys], kw, tag=name)
        add("rocAucScore", M.roc_auc_score, [yt, ys],
            {"multi_class": multi_class, "labels": labels, "sample_weight": weights(n, "float")}, tag=name)
    add("rocAucScore", M.roc_auc_score, [yt, ys], {"labels": labels}, tag=name + "_raise")
    add("rocAucScore", M.roc_auc_score, [yt, ys], {"multi_class": "ovr", "max_fpr": 0.5}, tag="max_fpr")
_, yt, ys, _ = mc_sets[0]
bad = [list(r) for r in ys]
bad[0][0] += 0.2
add("rocAucScore", M.roc_auc_score, [yt, bad], {"multi_class": "ovr"}, tag="not_probabilities")
add("rocAucScore", M.roc_auc_score, [yt, ys], {"multi_class": "ovr", "labels": [2, 1, 0]}, tag="unsorted_labels")
add("rocAucScore", M.roc_auc_score, [yt, [r[:2] for r in ys]], {"multi_class": "ovr"}, tag="columns_mismatch")

for name, yt, yp in MULTILABEL:
    if name == "ml2_perfect":
        continue
    yt_arr = np.asarray(yt)
    ys = np.round(rng.random(yt_arr.shape), 2)
    ys = np.clip(ys + 0.3 * yt_arr * rng.random(yt_arr.shape), 0, 1).tolist()
    n = len(yt)
    for average in ("micro", "macro", "weighted", "samples", None):
        for wk in (None, "float"):
            add("rocAucScore", M.roc_auc_score, [yt, ys], {"average": average, "sample_weight": weights(n, wk)},
                tag=name)
            add("averagePrecisionScore", M.average_precision_score, [yt, ys],
                {"average": average, "sample_weight": weights(n, wk)}, tag=name)
    add("rocAucScore", M.roc_auc_score, [yt, ys], {"average": "macro", "max_fpr": 0.4}, tag=name)
    add("averagePrecisionScore", M.average_precision_score, [yt, ys], {"pos_label": 0}, tag=name + "_pos0")

# a multi-label problem where every label has both classes (so roc_auc is defined per label)
yt = indicator(40, 3, 0.5)
yt[0] = [1, 1, 1]
yt[1] = [0, 0, 0]
ys = np.round(rng.random((40, 3)), 2).tolist()
for average in ("micro", "macro", "weighted", "samples", None):
    add("rocAucScore", M.roc_auc_score, [yt.tolist(), ys], {"average": average}, tag="ml_full")
add("rocAucScore", M.roc_auc_score, [yt.tolist(), ys], {"average": "macro", "max_fpr": 0.25}, tag="ml_full")

add("auc", M.auc, [[0, 0.5, 1], [0, 1, 1]])
add("auc", M.auc, [[1, 0.75, 0.25, 0], [0.9, 0.6, 0.3, 0.1]], tag="decreasing")
add("auc", M.auc, [[0, 1, 0.5], [0, 1, 1]], tag="not_monotonic")
add("auc", M.auc, [[0], [1]], tag="one_point")
x = np.sort(rng.random(300))
add("auc", M.auc, [x.tolist(), rng.random(300).tolist()], tag="many")

# log loss
for name, yt, ys, labels in mc_sets[:3]:
    n = len(yt)
    for normalize in (True, False):
        for wk in (None, "float"):
            add("logLoss", M.log_loss, [yt, ys], {"normalize": normalize, "sample_weight": weights(n, wk)}, tag=name)
    add("logLoss", M.log_loss, [yt, ys], {"eps": 1e-7}, tag=name)
_, yt, ys, labels = mc_sets[3]
add("logLoss", M.log_loss, [yt, ys], {"labels": labels}, tag="labels")
add("logLoss", M.log_loss, [yt, ys], {}, tag="missing_class_without_labels")
for name, yt, ys, pos in score_sets[:5]:
    n = len(yt)
    probs = np.clip(np.asarray(ys, dtype=float), 0, 1) if name != "bpm1" else 1 / (1 + np.exp(-np.asarray(ys)))
    add("logLoss", M.log_loss, [yt, probs.tolist()], {}, tag=name + "_1d")
    add("logLoss", M.log_loss, [yt, np.stack([1 - probs, probs], 1).tolist()],
        {"sample_weight": weights(n, "float")}, tag=name + "_2d")
    add("logLoss", M.log_loss, [yt, [[p] for p in probs.tolist()]], {"normalize": False}, tag=name + "_col")
add("logLoss", M.log_loss, [[0, 1, 1, 0], [0.0, 1.0, 0.0, 1.0]], {}, tag="extremes")
add("logLoss", M.log_loss, [[0, 1, 1, 0], [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.25, 0.75]]], {}, tag="extremes2d")
add("logLoss", M.log_loss, [[1, 1, 1], [0.2, 0.7, 0.9]], {}, tag="single_label")
add("logLoss", M.log_loss, [[1, 1, 1], [0.2, 0.7, 0.9]], {"labels": [0, 1]}, tag="single_label_with_labels")
add("logLoss", M.log_loss, [[1, 1, 1], [0.2, 0.7, 0.9]], {"labels": [1]}, tag="one_label")
add("logLoss", M.log_loss, [[0, 1, 2], [[0.2, 0.8], [0.6, 0.4], [0.5, 0.5]]], {}, tag="columns_mismatch")
add("logLoss", M.log_loss, [["b", "a", "c", "a"], [[0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8],
                                                  [0.4, 0.4, 0.2]]], {}, tag="str")
add("logLoss", M.log_loss, [[0.5, 1.5, 0.5], [0.2, 0.7, 0.9]], {}, tag="continuous_y")

# brier
for name, yt, ys, pos in score_sets[:6]:
    probs = np.clip(np.asarray(ys, dtype=float), 0, 1) if name != "bpm1" else 1 / (1 + np.exp(-np.asarray(ys)))
    n = len(yt)
    for wk in (None, "float"):
        add("brierScoreLoss", M.brier_score_loss, [yt, probs.tolist()],
            {"pos_label": pos, "sample_weight": weights(n, wk)}, tag=name)
add("brierScoreLoss", M.brier_score_loss, [[1, 2, 2, 1], [0.1, 0.9, 0.8, 0.3]], {}, tag="greater_label")
add("brierScoreLoss", M.brier_score_loss, [[1, 2, 2, 1], [0.1, 0.9, 0.8, 0.3]], {"pos_label": 1}, tag="pos1")
add("brierScoreLoss", M.brier_score_loss, [["a", "b", "b"], [0.1, 0.9, 0.8]], {}, tag="str_no_pos")
add("brierScoreLoss", M.brier_score_loss, [[0, 1, 2], [0.1, 0.9, 0.8]], {}, tag="multiclass")
add("brierScoreLoss", M.brier_score_loss, [[0, 1, 1], [0.1, 1.2, 0.8]], {}, tag="above_one")
add("brierScoreLoss", M.brier_score_loss, [[0, 1, 1], [-0.1, 0.2, 0.8]], {}, tag="below_zero")
add("brierScoreLoss", M.brier_score_loss, [[1, 1, 1], [0.1, 0.9, 0.8]], {}, tag="single_class")

# hinge
for name, yt, ys, pos in score_sets[:5]:
    dec = (np.asarray(ys) * 4 - 2).tolist()
    n = len(yt)
    for wk in (None, "float"):
        add("hingeLoss", M.hinge_loss, [yt, dec], {"sample_weight": weights(n, wk)}, tag=name)
add("hingeLoss", M.hinge_loss, [[1, 1, 1], [0.5, -0.5, 2.0]], {}, tag="single_class")
add("hingeLoss", M.hinge_loss, [[0, 0, 0], [0.5, -0.5, 2.0]], {}, tag="single_class_0")
for name, yt, ys, labels in mc_sets:
    dec = (np.log(np.asarray(ys)) + 1).tolist()
    n = len(yt)
    add("hingeLoss", M.hinge_loss, [yt, dec], {"labels": labels}, tag=name)
    add("hingeLoss", M.hinge_loss, [yt, dec], {"labels": labels, "sample_weight": weights(n, "float")}, tag=name)
_, yt, ys, labels = mc_sets[3]
add("hingeLoss", M.hinge_loss, [yt, ys], {}, tag="missing_labels")
add("hingeLoss", M.hinge_loss, [[0, 1, 2], [0.1, 0.2, 0.3]], {}, tag="vector_for_multiclass")

# top-k
for name, yt, ys, labels in mc_sets:
    n = len(yt)
    ys_t = np.round(np.asarray(ys), 1).tolist()  # ties in the ranking
    for k in (1, 2, 3, 4):
        add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys_t], {"k": k, "labels": labels}, tag=name)
    add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys_t],
        {"k": 2, "labels": labels, "normalize": False, "sample_weight": weights(n, "float")}, tag=name)
    add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys_t],
        {"k": 1, "labels": labels, "sample_weight": weights(n, "float")}, tag=name)
for name, yt, ys, pos in score_sets[:5]:
    for k in (1, 2):
        add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys], {"k": k}, tag=name)
_, yt, ys, labels = mc_sets[3]
add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys], {}, tag="missing_labels")
add("topKAccuracyScore", M.top_k_accuracy_score, [yt, ys], {"labels": [3, 2, 1, 0]}, tag="unsorted_labels")
add("topKAccuracyScore", M.top_k_accuracy_score, [[0, 1, 1], [[0.5, 0.3, 0.2]] * 3], {}, tag="binary_2d")
add("topKAccuracyScore", M.top_k_accuracy_score, [[0, 1, 1], [[0.5, 0.3, 0.2]] * 3], {"labels": [0, 1, 2]},
    tag="binary_with_labels")

# ------------------------------------------------------------------------------------ regression


def reg_sets():
    s = []
    yt = rng.normal(size=50) * 3
    s.append(("r1", yt.tolist(), (yt + rng.normal(size=50)).tolist()))
    yt = rng.normal(size=(40, 3)) * [1, 5, 0.1] + [0, 10, -3]
    s.append(("r3", yt.tolist(), (yt + rng.normal(size=(40, 3)) * [0.5, 2, 0.05]).tolist()))
    yt = np.round(rng.normal(size=31) * 2)
    s.append(("r_ties", yt.tolist(), np.round(yt + rng.normal(size=31)).tolist()))
    yt = rng.normal(size=3000) * 100 + 1000
    s.append(("r_big", yt.tolist(), (yt + rng.normal(size=3000) * 5).tolist()))
    yt = rng.normal(size=(300, 2)) * 10
    s.append(("r_big2", yt.tolist(), (yt * 0.9 + 1).tolist()))
    yt = np.array([0.0, 1.0, -2.0, 0.0, 3.0, 0.5])
    s.append(("r_zeros", yt.tolist(), (yt + [0.5, -0.5, 0.2, 0.0, 1.0, 0.0]).tolist()))
    s.append(("r_constant", [2.0] * 8, (2 + rng.normal(size=8)).tolist()))
    s.append(("r_constant_perfect", [2.0] * 8, [2.0] * 8))
    yt = rng.normal(size=(10, 2))
    yt[:, 1] = 4.0
    s.append(("r_constant_col", yt.tolist(), (yt + 0.1).tolist()))
    s.append(("r_perfect", [1.5, -2.0, 3.25], [1.5, -2.0, 3.25]))
    s.append(("r_one", [1.0], [2.0]))
    s.append(("r_int", [3, -1, 2, 7, 4], [2, 0, 2, 8, 4]))
    return s


REG = reg_sets()
for name, yt, yp in REG:
    n = len(yt)
    multi = isinstance(yt[0], list)
    outs = ["raw_values", "uniform_average"] + ([[0.2, 0.3, 0.5][: len(yt[0])]] if multi else [])
    for mo in outs:
        for wk in (None, "float"):
            kw = {"multioutput": mo, "sample_weight": weights(n, wk)}
            add("meanSquaredError", M.mean_squared_error, [yt, yp], kw, tag=name)
            add("meanSquaredError", M.mean_squared_error, [yt, yp], dict(kw, squared=False), tag=name)
            add("rootMeanSquaredError", lambda a, b, **k: M.mean_squared_error(a, b, squared=False, **k), [yt, yp],
                kw, tag=name)
            add("meanAbsoluteError", M.mean_absolute_error, [yt, yp], kw, tag=name)
            add("medianAbsoluteError", M.median_absolute_error, [yt, yp], kw, tag=name)
            add("meanAbsolutePercentageError", M.mean_absolute_percentage_error, [yt, yp], kw, tag=name)
    for mo in outs + ["variance_weighted"]:
        for wk in (None, "float"):
            for ff in (True, False):
                kw = {"multioutput": mo, "sample_weight": weights(n, wk), "force_finite": ff}
                add("r2Score", M.r2_score, [yt, yp], kw, tag=name)
                add("explainedVarianceScore", M.explained_variance_score, [yt, yp], kw, tag=name)
    add("maxError", M.max_error, [yt, yp], {}, tag=name)

r3 = REG[1]
add("meanAbsoluteError", M.mean_absolute_error, [r3[1], [r[:2] for r in r3[2]]], {}, tag="outputs_mismatch")
add("meanAbsoluteError", M.mean_absolute_error, [r3[1], r3[2]], {"multioutput": "bogus"}, tag="bad_multioutput")
add("meanAbsoluteError", M.mean_absolute_error, [r3[1], r3[2]], {"multioutput": [0.5, 0.5]}, tag="weights_mismatch")
add("meanAbsoluteError", M.mean_absolute_error, [REG[0][1], REG[0][2]], {"multioutput": [1.0]}, tag="weights_1_output")
add("r2Score", M.r2_score, [REG[0][1], REG[0][2][:-1]], {}, tag="length_mismatch")
add("meanSquaredError", M.mean_squared_error, [[1.0, float("nan")], [1.0, 2.0]], {}, tag="nan")
add("meanSquaredError", M.mean_squared_error, [[1.0, 2.0], [1.0, float("inf")]], {}, tag="inf")
add("meanSquaredError", M.mean_squared_error, [[], []], {}, tag="empty")

# ------------------------------------------------------------------------------- shared error cases
yt, yp = g["binary01"][1], g["binary01"][2]
add("precisionScore", M.precision_score, [yt, yp[:-1]], {}, tag="length_mismatch")
add("accuracyScore", M.accuracy_score, [yt, yp[:-1]], {}, tag="length_mismatch")
add("f1Score", M.f1_score, [yt, yp], {"average": "foo"}, tag="unknown_average")
add("precisionRecallFscoreSupport", M.precision_recall_fscore_support, [yt, yp], {"zero_division": 2},
    convert=prfs_dict, tag="bad_zero_division")
add("fbetaScore", M.fbeta_score, [yt, yp], {"beta": -1.0}, tag="negative_beta")
add("recallScore", M.recall_score, [yt, yp], {"pos_label": 5}, tag="bad_pos_label")
add("accuracyScore", M.accuracy_score, [[0, 1, float("nan")], [0, 1, 1]], {}, tag="nan")
add("accuracyScore", M.accuracy_score, [[0.5, 1.5, 2.5], [0, 1, 1]], {}, tag="continuous")
add("accuracyScore", M.accuracy_score, [[0, 1, 1], [[0, 1], [1, 1], [1, 0]]], {}, tag="mixed_types")
add("f1Score", M.f1_score, [[0, 1, 2, 1], [0, 2, 2, 1]], {}, tag="multiclass_binary_average")
add("confusionMatrix", M.confusion_matrix, [MULTILABEL[0][1], MULTILABEL[0][2]], {}, tag="multilabel")
add("confusionMatrix", M.confusion_matrix, [yt, yp], {"normalize": "rows"}, tag="bad_normalize")
add("cohenKappaScore", M.cohen_kappa_score, [yt, yp], {"weights": "cubic"}, tag="bad_weights")
add("matthewsCorrcoef", M.matthews_corrcoef, [MULTILABEL[0][1], MULTILABEL[0][2]], {}, tag="multilabel")
add("precisionScore", M.precision_score, [["a", "b", "a"], [0, 1, 0]], {"average": "macro"}, tag="str_vs_num")

meta = {
    "generator": "test/golden/generate_metrics.py",
    "seed": SEED,
    "sklearnVersion": sklearn.__version__,
    "numpyVersion": np.__version__,
    "scipyVersion": scipy.__version__,
    "caseCount": len(cases),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics.json")
with open(out, "w") as f:
    data = {key: value for key, value in SHARED.values()}
    json.dump({"meta": meta, "data": data, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases ({os.path.getsize(out) / 1e6:.2f} MB) to {out} with scikit-learn {sklearn.__version__}")
