"""Multi-target regressors answer one output per target (one JSON field, one CSV column each),
equal to the framework's own predict(): real XGBoost and CatBoost models trained here, where the
frameworks are installed (scripts/test-adapters.sh); skipped elsewhere."""

from pathlib import Path
from typing import Any, List

import pytest

np = pytest.importorskip("numpy")


def data() -> Any:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 3))
    return x, np.column_stack([2 * x[:, 0], x[:, 1] - x[:, 2]])


def check(model: Any, x: Any, want: Any) -> None:
    assert [o["name"] for o in model.outputs] == ["prediction_0", "prediction_1"]
    rows = [dict(zip(model.names, r)) for r in x.tolist()]
    got: List[Any] = model.predict_batch(rows)
    assert len(got) == len(want)
    for answer, values in zip(got, want.tolist()):
        assert list(answer) == ["prediction_0", "prediction_1"]
        assert list(answer.values()) == pytest.approx(values, rel=1e-5, abs=1e-6)


def test_a_native_xgboost_multi_target_regressor(tmp_path: Path) -> None:
    xgb = pytest.importorskip("xgboost")
    from server.frameworks import xgboost as adapter

    x, y = data()
    reg = xgb.XGBRegressor(n_estimators=8, max_depth=3, tree_method="hist").fit(x, y)
    reg.save_model(str(tmp_path / "model.json"))
    check(adapter.load(str(tmp_path / "model.json")), x[:4], reg.predict(x[:4]))
    info = adapter.introspect(str(tmp_path / "model.json"))
    assert set(info["expected"][0]["prediction"]) == {"prediction_0", "prediction_1"}


def test_a_catboost_multi_rmse_regressor(tmp_path: Path) -> None:
    catboost = pytest.importorskip("catboost")
    from server.frameworks import catboost as adapter

    x, y = data()
    reg = catboost.CatBoostRegressor(
        iterations=15, loss_function="MultiRMSE", verbose=False, allow_writing_files=False
    ).fit(x, y)
    reg.save_model(str(tmp_path / "model.cbm"))
    check(adapter.load(str(tmp_path / "model.cbm")), x[:4], reg.predict(x[:4]))
