"""Trains the benchmark's real model (a RandomForest on iris, as shipped with scikit-learn) and
saves it twice: model.joblib for the template, mlflow/ for `mlflow models serve`."""

import sys
from pathlib import Path

import joblib
import mlflow.sklearn
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier

out = Path(sys.argv[1] if len(sys.argv) > 1 else "/out")
features, labels = load_iris(return_X_y=True)
model = RandomForestClassifier(n_estimators=100, random_state=0).fit(features, labels)
joblib.dump(model, out / "model.joblib")
# MLflow 3 saves with skops, which trusts the trees' node storage only when told to.
mlflow.sklearn.save_model(
    model, str(out / "mlflow"), skops_trusted_types=["sklearn.tree._tree.Tree"]
)
print(f"trained on {len(features)} rows; saved to {out}")
