"""Your model: Instance (one input), Prediction (one output), Predictor (loads and predicts)."""
