// The fixed sample that `npm test` checks: at least one model per framework and per file format
// (joblib, pickle, XGBoost json/ubj/legacy binary, LightGBM text, CatBoost cbm, ONNX, a SageMaker
// model.tar.gz, the built-in XGBoost layout), both numpy majors, text and tabular pipelines, missing
// values (an empty CSV cell, a JSON null) and a multi-output regressor (one CSV column per target).
export const SAMPLE = [
  "np2-sklearn-text-count-multinomial-nb", // pickle, a CountVectorizer text pipeline
  "np1-sklearn-text-tfidf-logistic-regression", // joblib under numpy 1, one string column
  "np2-sklearn-gradient-boosting-classifier", // joblib, the `_loss` private module
  "np2-sklearn-random-forest-classifier", // pickle, numpy array
  "np2-xgboost-json-multiclass",
  "np2-xgboost-ubj-regressor",
  "np1-xgboost-binary-legacy",
  "np1-xgboost-sagemaker-builtin-binary",
  "np2-lightgbm-sklearn-regressor-joblib", // a framework estimator pickled through scikit-learn's API
  "np2-lightgbm-text-multiclass",
  "np2-catboost-cbm-regressor",
  "np2-onnx-skl2onnx-mlp-classifier-newest-opset",
  "np2-onnx-onnxmltools-xgboost-classifier",
  "np1-sklearn-text-tfidf-logistic-regression-in-model-tar-gz", // a SageMaker model.tar.gz
  "np2-sklearn-pipeline-columns-classifier", // imputers in a ColumnTransformer: rows with missing values
  "np2-sklearn-multi-output-regressor", // two targets: one field, one CSV column each
];
