"""scikit-learn entries: each family of estimator, Pipelines, text, multi-output, clusterers and
anomaly detectors; fit on numpy arrays and on DataFrames; joblib and pickle; numpy 1 and 2."""

import os
import pickle

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn import cluster, ensemble, linear_model, naive_bayes, neighbors, neural_network, svm, tree
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.multioutput import MultiOutputRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from common import NUMERIC_NAMES, entry, folder, frame, numeric, pick, save_expected, texts

FW = "scikit-learn"


def dump(name, model, how="joblib"):
    artifact = {"joblib": "model.joblib", "pickle": "model.pkl"}[how]
    path = os.path.join(folder(name), artifact)
    if how == "joblib":
        joblib.dump(model, path)
    else:
        with open(path, "wb") as f:
            pickle.dump(model, f)
    return artifact


def save(name, model, x, what, *, how="joblib", rows=None, features=None):
    """Pickles `model` and records its own predict() on a few rows of x."""
    artifact = dump(name, model, how)
    index = rows if rows is not None else list(range(6))
    sample = x.iloc[index] if isinstance(x, pd.DataFrame) else [x[i] for i in index] if isinstance(x, list) else x[index]
    save_expected(name, artifact=artifact, framework=FW, version=sklearn.__version__, fmt=how, what=what, x=sample, predictions=model.predict(sample), features=features)


# One estimator per family, on numeric features (numpy arrays unless a DataFrame is named).
CLASSIFIERS = {
    "logistic-regression": (lambda: linear_model.LogisticRegression(max_iter=500), "numpy", "joblib"),
    "sgd-classifier": (lambda: linear_model.SGDClassifier(random_state=0), "frame", "joblib"),
    "decision-tree-classifier": (lambda: tree.DecisionTreeClassifier(max_depth=4, random_state=0), "frame", "pickle"),
    "random-forest-classifier": (lambda: ensemble.RandomForestClassifier(n_estimators=20, random_state=0), "numpy", "pickle"),
    "gradient-boosting-classifier": (lambda: ensemble.GradientBoostingClassifier(n_estimators=20, random_state=0), "frame", "joblib"),
    "hist-gradient-boosting-classifier": (lambda: ensemble.HistGradientBoostingClassifier(max_iter=20), "numpy", "joblib"),
    "adaboost-classifier": (lambda: ensemble.AdaBoostClassifier(n_estimators=20, random_state=0), "numpy", "joblib"),
    "svc": (lambda: svm.SVC(probability=True, random_state=0), "frame", "joblib"),
    "k-neighbors-classifier": (lambda: neighbors.KNeighborsClassifier(), "numpy", "joblib"),
    "gaussian-nb": (lambda: naive_bayes.GaussianNB(), "numpy", "pickle"),
    "mlp-classifier": (lambda: neural_network.MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=0), "frame", "joblib"),
}
REGRESSORS = {
    "linear-regression": (lambda: linear_model.LinearRegression(), "numpy", "pickle"),
    "ridge": (lambda: linear_model.Ridge(), "frame", "joblib"),
    "decision-tree-regressor": (lambda: tree.DecisionTreeRegressor(max_depth=5, random_state=0), "numpy", "joblib"),
    "extra-trees-regressor": (lambda: ensemble.ExtraTreesRegressor(n_estimators=20, random_state=0), "frame", "joblib"),
    "gradient-boosting-regressor": (lambda: ensemble.GradientBoostingRegressor(n_estimators=20, random_state=0), "numpy", "joblib"),
    "svr": (lambda: svm.SVR(), "numpy", "joblib"),
    "k-neighbors-regressor": (lambda: neighbors.KNeighborsRegressor(), "frame", "joblib"),
    "mlp-regressor": (lambda: neural_network.MLPRegressor(hidden_layer_sizes=(16,), max_iter=500, random_state=0), "numpy", "joblib"),
}


def _family(name, make, data, how, task):
    x, y, target = numeric()
    labels = y if task == "classifier" else target
    if data == "frame":
        x = pd.DataFrame(x, columns=NUMERIC_NAMES)
    model = make().fit(x, labels)
    fit_on = "a DataFrame" if data == "frame" else "a numpy array"
    save(name, model, x, f"{type(model).__name__} fit on {fit_on}, integer labels" if task == "classifier" else f"{type(model).__name__} fit on {fit_on}", how=how, rows=pick(labels))


for _name, (_make, _data, _how) in CLASSIFIERS.items():
    entry(f"sklearn-{_name}")(lambda name, m=_make, d=_data, h=_how: _family(name, m, d, h, "classifier"))
for _name, (_make, _data, _how) in REGRESSORS.items():
    entry(f"sklearn-{_name}")(lambda name, m=_make, d=_data, h=_how: _family(name, m, d, h, "regressor"))


@entry("sklearn-string-labels-random-forest", envs=("np1", "np2"))
def string_labels(name):
    x, y, _ = numeric()
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    model = ensemble.RandomForestClassifier(n_estimators=15, random_state=0).fit(x, labels)
    save(name, model, x, "RandomForestClassifier on a numpy array, string labels", rows=pick(labels))


def _tabular_pipeline(estimator):
    numeric_part = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categorical = make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore"))
    prep = ColumnTransformer([("num", numeric_part, ["age", "income"]), ("cat", categorical, ["colour", "city"])])
    return Pipeline([("prep", prep), ("model", estimator)])


@entry("sklearn-pipeline-columns-classifier", envs=("np1", "np2"))
def pipeline_classifier(name):
    df, y, _ = frame()
    model = _tabular_pipeline(linear_model.LogisticRegression(max_iter=500)).fit(df, y)
    rows = sorted(set(pick(y)) | set(np.flatnonzero(df.isna().any(axis=1))[:2].tolist()))
    save(name, model, df, "Pipeline: ColumnTransformer (imputed numeric, one-hot categorical, missing values) -> LogisticRegression, string labels", rows=rows)


@entry("sklearn-pipeline-columns-regressor")
def pipeline_regressor(name):
    df, _, target = frame()
    model = _tabular_pipeline(ensemble.RandomForestRegressor(n_estimators=15, random_state=0)).fit(df, target)
    rows = sorted(set(range(4)) | set(np.flatnonzero(df.isna().any(axis=1))[:2].tolist()))
    save(name, model, df, "Pipeline: ColumnTransformer with missing values -> RandomForestRegressor", how="pickle", rows=rows)


@entry("sklearn-pipeline-text-and-columns")
def pipeline_text_columns(name):
    df, y, _ = frame()
    docs, _ = texts(len(df))
    df["review"] = docs
    prep = ColumnTransformer(
        [
            ("text", TfidfVectorizer(), "review"),
            ("num", make_pipeline(SimpleImputer(), StandardScaler()), ["age", "income"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["city"]),
        ]
    )
    df = df.drop(columns=["colour"])
    model = Pipeline([("prep", prep), ("model", linear_model.LogisticRegression(max_iter=500))]).fit(df, y)
    save(name, model, df, "Pipeline: ColumnTransformer with a text column (Tfidf), numeric and categorical columns", rows=pick(y))


TEXT = {
    "tfidf-logistic-regression": (lambda: make_pipeline(TfidfVectorizer(), linear_model.LogisticRegression(max_iter=500)), ("np1", "np2"), "joblib"),
    "count-multinomial-nb": (lambda: make_pipeline(CountVectorizer(ngram_range=(1, 2)), naive_bayes.MultinomialNB()), ("np2",), "pickle"),
    "hashing-sgd": (lambda: make_pipeline(HashingVectorizer(n_features=2**12), linear_model.SGDClassifier(random_state=0)), ("np2",), "joblib"),
}


def _text(name, make, how):
    docs, labels = texts()
    model = make().fit(docs, labels)
    steps = " -> ".join(type(s).__name__ for _, s in model.steps)
    save(name, model, docs, f"text Pipeline on one string column: {steps}, string labels", how=how, rows=pick(labels))


for _name, (_make, _envs, _how) in TEXT.items():
    entry(f"sklearn-text-{_name}", envs=_envs)(lambda name, m=_make, h=_how: _text(name, m, h))


@entry("sklearn-multi-output-regressor")
def multi_output(name):
    x, _, target = numeric()
    targets = np.column_stack([target, x[:, 0] * 3 - x[:, 3]])
    model = MultiOutputRegressor(ensemble.GradientBoostingRegressor(n_estimators=15, random_state=0)).fit(x, targets)
    save(name, model, x, "MultiOutputRegressor(GradientBoostingRegressor): two targets per row")


@entry("sklearn-multi-target-random-forest")
def multi_target(name):
    x, _, target = numeric()
    df = pd.DataFrame(x, columns=NUMERIC_NAMES)
    targets = np.column_stack([target, x[:, 1] ** 2])
    model = ensemble.RandomForestRegressor(n_estimators=15, random_state=0).fit(df, targets)
    save(name, model, df, "RandomForestRegressor fit on two targets at once (a DataFrame)")


@entry("sklearn-kmeans", envs=("np1", "np2"))
def kmeans(name):
    x, _, _ = numeric()
    model = cluster.KMeans(n_clusters=3, n_init=10, random_state=0).fit(x)
    save(name, model, x, "KMeans: predict() is the cluster id")


@entry("sklearn-pipeline-scaler-birch")
def birch(name):
    x, _, _ = numeric()
    df = pd.DataFrame(x, columns=NUMERIC_NAMES)
    model = make_pipeline(StandardScaler(), cluster.Birch(n_clusters=4)).fit(df)
    save(name, model, df, "Pipeline: StandardScaler -> Birch clusterer (cluster id), a DataFrame", how="pickle")


@entry("sklearn-isolation-forest")
def isolation_forest(name):
    x, _, _ = numeric()
    x[:5] *= 6  # a few outliers, so both answers (1 inlier, -1 outlier) appear
    model = ensemble.IsolationForest(n_estimators=30, random_state=0).fit(x)
    save(name, model, x, "IsolationForest: predict() is 1 (inlier) or -1 (outlier)", rows=[0, 1, 2, 10, 11, 12])


@entry("sklearn-gradient-boosting-classifier", envs=("np1",))
def np1_gradient_boosting(name):
    _family(name, CLASSIFIERS["gradient-boosting-classifier"][0], "frame", "joblib", "classifier")


@entry("sklearn-logistic-regression", envs=("np1",))
def np1_logistic(name):
    _family(name, CLASSIFIERS["logistic-regression"][0], "numpy", "pickle", "classifier")


@entry("sklearn-svr", envs=("np1",))
def np1_svr(name):
    _family(name, REGRESSORS["svr"][0], "frame", "joblib", "regressor")
