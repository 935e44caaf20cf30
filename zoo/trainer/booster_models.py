"""XGBoost, LightGBM and CatBoost entries: their native files and their scikit-learn API pickled
with joblib. Native files record what the framework's scikit-learn predict() answers (classes,
values); the SageMaker built-in XGBoost layout records what that container answers (the booster's
raw predict(): probabilities for binary:logistic)."""

import os
import pickle
import tarfile
import warnings

import joblib
import numpy as np
import pandas as pd

from common import NUMERIC_NAMES, entry, folder, frame, numeric, pick, save_expected


def _xgb():
    import xgboost

    return xgboost


def _expect(name, artifact, framework, version, fmt, what, x, predictions, rows):
    sample = x.iloc[rows] if isinstance(x, pd.DataFrame) else x[rows]
    save_expected(name, artifact=artifact, framework=framework, version=version, fmt=fmt, what=what, x=sample, predictions=predictions)


# --- XGBoost ---------------------------------------------------------------------------------


@entry("xgboost-json-multiclass", envs=("np1", "np2"))
def xgb_json(name):
    xgb = _xgb()
    x, y, _ = numeric()
    df = pd.DataFrame(x, columns=["petal_len", "petal width", "a", "b"])
    clf = xgb.XGBClassifier(n_estimators=10, max_depth=3).fit(df, y)
    clf.save_model(os.path.join(folder(name), "model.json"))
    rows = pick(y)
    _expect(name, "model.json", "xgboost", xgb.__version__, "json", "XGBClassifier (multi:softprob) saved with save_model, named features", df, clf.predict(df.iloc[rows]), rows)


@entry("xgboost-ubj-regressor")
def xgb_ubj(name):
    xgb = _xgb()
    x, _, target = numeric()
    reg = xgb.XGBRegressor(n_estimators=15, max_depth=3).fit(x, target)
    reg.save_model(os.path.join(folder(name), "model.ubj"))
    _expect(name, "model.ubj", "xgboost", xgb.__version__, "ubj", "XGBRegressor saved as UBJSON, fit on a numpy array", x, reg.predict(x[:6]), list(range(6)))


@entry("xgboost-binary-legacy", envs=("np1",))
def xgb_legacy(name):
    xgb = _xgb()
    x, y, _ = numeric()
    yb = (y > 0).astype(int)
    clf = xgb.XGBClassifier(n_estimators=10, max_depth=3).fit(x, yb)
    path = os.path.join(folder(name), "model.deprecated")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.get_booster().save_model(path)
    os.rename(path, os.path.join(folder(name), "model.bin"))
    rows = pick(yb)
    _expect(name, "model.bin", "xgboost", xgb.__version__, "binary", "XGBClassifier (binary:logistic) in the legacy binary format", x, clf.predict(x[rows]), rows)


@entry("xgboost-sklearn-classifier-joblib", envs=("np1", "np2"))
def xgb_sklearn_clf(name):
    xgb = _xgb()
    x, y, _ = numeric()
    df = pd.DataFrame(x, columns=NUMERIC_NAMES)
    clf = xgb.XGBClassifier(n_estimators=10, max_depth=3).fit(df, y)
    joblib.dump(clf, os.path.join(folder(name), "model.joblib"))
    rows = pick(y)
    _expect(name, "model.joblib", "xgboost", xgb.__version__, "joblib", "XGBClassifier (scikit-learn API) pickled with joblib", df, clf.predict(df.iloc[rows]), rows)


@entry("xgboost-sklearn-regressor-joblib")
def xgb_sklearn_reg(name):
    xgb = _xgb()
    x, _, target = numeric()
    reg = xgb.XGBRegressor(n_estimators=15, max_depth=3).fit(x, target)
    joblib.dump(reg, os.path.join(folder(name), "model.joblib"))
    _expect(name, "model.joblib", "xgboost", xgb.__version__, "joblib", "XGBRegressor (scikit-learn API) on a numpy array, pickled with joblib", x, reg.predict(x[:6]), list(range(6)))


def _sagemaker_builtin(name, pickled):
    """SageMaker's built-in XGBoost algorithm writes model.tar.gz holding one file, xgboost-model:
    a pickled Booster (containers up to 1.0) or the booster's own binary format (1.2 on). Its
    container answers Booster.predict() on CSV rows without header: a probability for binary:logistic."""
    xgb = _xgb()
    x, y, _ = numeric()
    yb = (y > 0).astype(int)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 3}, xgb.DMatrix(x, label=yb), num_boost_round=10)
    path = os.path.join(folder(name), "xgboost-model")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if pickled:
            with open(path, "wb") as f:
                pickle.dump(booster, f)
        else:
            booster.save_model(path + ".deprecated")
            os.rename(path + ".deprecated", path)
    with tarfile.open(os.path.join(folder(name), "model.tar.gz"), "w:gz") as tar:
        tar.add(path, arcname="xgboost-model")
    os.remove(path)
    rows = pick(yb)
    how = "a pickled Booster" if pickled else "the booster's binary format"
    _expect(name, "model.tar.gz", "xgboost", xgb.__version__, "sagemaker-xgboost", f"SageMaker built-in XGBoost layout: model.tar.gz holding xgboost-model ({how}); answers Booster.predict() probabilities", x, booster.predict(xgb.DMatrix(x[rows])), rows)


entry("xgboost-sagemaker-builtin-binary", envs=("np1",))(lambda name: _sagemaker_builtin(name, pickled=False))
entry("xgboost-sagemaker-builtin-pickle", envs=("np1",))(lambda name: _sagemaker_builtin(name, pickled=True))


# --- LightGBM --------------------------------------------------------------------------------


@entry("lightgbm-text-regressor", envs=("np1", "np2"))
def lgb_text_reg(name):
    import lightgbm as lgb

    x, _, target = numeric()
    df = pd.DataFrame(x, columns=["w", "x", "y", "z"])
    reg = lgb.LGBMRegressor(n_estimators=15, verbose=-1).fit(df, target)
    reg.booster_.save_model(os.path.join(folder(name), "model.txt"))
    _expect(name, "model.txt", "lightgbm", lgb.__version__, "text", "LGBMRegressor saved as LightGBM's text model", df, reg.predict(df.iloc[:6]), list(range(6)))


@entry("lightgbm-text-multiclass")
def lgb_text_multi(name):
    import lightgbm as lgb

    x, y, _ = numeric()
    clf = lgb.LGBMClassifier(n_estimators=15, verbose=-1).fit(x, y)
    clf.booster_.save_model(os.path.join(folder(name), "model.txt"))
    rows = pick(y)
    _expect(name, "model.txt", "lightgbm", lgb.__version__, "text", "LGBMClassifier (multiclass) saved as text, fit on a numpy array", x, clf.predict(x[rows]), rows)


@entry("lightgbm-sklearn-classifier-joblib", envs=("np1", "np2"))
def lgb_sklearn_clf(name):
    import lightgbm as lgb

    df, y, _ = frame()
    df = df[["age", "income"]]
    clf = lgb.LGBMClassifier(n_estimators=15, verbose=-1).fit(df, y)
    joblib.dump(clf, os.path.join(folder(name), "model.joblib"))
    rows = pick(y)
    _expect(name, "model.joblib", "lightgbm", lgb.__version__, "joblib", "LGBMClassifier (scikit-learn API) with string labels and missing values, pickled with joblib", df, clf.predict(df.iloc[rows]), rows)


@entry("lightgbm-sklearn-regressor-joblib")
def lgb_sklearn_reg(name):
    import lightgbm as lgb

    x, _, target = numeric()
    reg = lgb.LGBMRegressor(n_estimators=15, verbose=-1).fit(x, target)
    joblib.dump(reg, os.path.join(folder(name), "model.joblib"))
    _expect(name, "model.joblib", "lightgbm", lgb.__version__, "joblib", "LGBMRegressor (scikit-learn API) on a numpy array, pickled with joblib", x, reg.predict(x[:6]), list(range(6)))


# --- CatBoost --------------------------------------------------------------------------------


def _cat_frame():
    df, y, target = frame()
    df["colour"] = df["colour"].fillna("unknown")  # CatBoost refuses NaN in categorical columns
    return df, y, target


@entry("catboost-cbm-classifier", envs=("np1", "np2"))
def cb_classifier(name):
    from catboost import CatBoostClassifier, __version__

    df, y, _ = _cat_frame()
    clf = CatBoostClassifier(iterations=30, depth=3, verbose=False, allow_writing_files=False, cat_features=["colour", "city"]).fit(df, y)
    clf.save_model(os.path.join(folder(name), "model.cbm"))
    rows = pick(y)
    _expect(name, "model.cbm", "catboost", __version__, "cbm", "CatBoostClassifier with categorical string columns and string labels (.cbm)", df, np.asarray(clf.predict(df.iloc[rows])).reshape(-1), rows)


@entry("catboost-cbm-regressor")
def cb_regressor(name):
    from catboost import CatBoostRegressor, __version__

    x, _, target = numeric()
    reg = CatBoostRegressor(iterations=30, depth=3, verbose=False, allow_writing_files=False).fit(x, target)
    reg.save_model(os.path.join(folder(name), "model.cbm"))
    _expect(name, "model.cbm", "catboost", __version__, "cbm", "CatBoostRegressor on a numpy array (.cbm)", x, reg.predict(x[:6]), list(range(6)))


@entry("catboost-sklearn-classifier-joblib")
def cb_sklearn(name):
    from catboost import CatBoostClassifier, __version__

    x, y, _ = numeric()
    df = pd.DataFrame(x, columns=NUMERIC_NAMES)
    clf = CatBoostClassifier(iterations=30, depth=3, verbose=False, allow_writing_files=False).fit(df, y)
    joblib.dump(clf, os.path.join(folder(name), "model.joblib"))
    rows = pick(y)
    _expect(name, "model.joblib", "catboost", __version__, "joblib", "CatBoostClassifier (integer labels) pickled with joblib", df, np.asarray(clf.predict(df.iloc[rows])).reshape(-1), rows)
