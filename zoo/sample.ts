// The fixed sample that `npm test` checks: at least one model per framework and per file format
// (joblib, pickle, XGBoost json/ubj/legacy binary, LightGBM text, CatBoost cbm, ONNX, a SageMaker
// model.tar.gz, the built-in XGBoost layout), both numpy majors, text and tabular pipelines.
export const SAMPLE = [
  "np2-sklearn-pipeline-text-and-columns", // joblib, ColumnTransformer with text, missing values
  "np1-sklearn-text-tfidf-logistic-regression", // joblib under numpy 1, one string column
  "np2-sklearn-gradient-boosting-classifier", // joblib, the `_loss` private module
  "np2-sklearn-random-forest-classifier", // pickle, numpy array
  "np2-xgboost-json-multiclass",
  "np2-xgboost-ubj-regressor",
  "np1-xgboost-binary-legacy",
  "np1-xgboost-sagemaker-builtin-binary",
  "np2-lightgbm-sklearn-classifier-joblib", // a framework estimator pickled through scikit-learn's API
  "np2-lightgbm-text-multiclass",
  "np2-catboost-cbm-classifier",
  "np2-onnx-skl2onnx-mlp-classifier-newest-opset",
  "np2-onnx-onnxmltools-xgboost-classifier",
  "np1-sklearn-text-tfidf-logistic-regression-in-model-tar-gz", // a SageMaker model.tar.gz
];
