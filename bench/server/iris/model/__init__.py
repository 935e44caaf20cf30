"""The benchmark's real model: a scikit-learn RandomForest on iris, trained by bench/server/run.sh."""
