// Environment variables the server template reads (server-template/README.md), offered by name in the env table.
export const KNOWN_ENV: ReadonlyArray<{ name: string; meaning: string }> = [
  { name: "MAX_BATCH_SIZE", meaning: "most instances per predict_batch call (default 256)" },
  { name: "STAGEMAKER_BATCHING", meaning: "on/off: concurrent requests share predict_batch calls (default on)" },
  { name: "STAGEMAKER_MAX_BATCH_WAIT_MS", meaning: "longest wait for a batch to fill, in ms (default 2)" },
  { name: "SAGEMAKER_MODEL_SERVER_WORKERS", meaning: "server processes (default 1)" },
  { name: "SAGEMAKER_MODEL_SERVER_TIMEOUT", meaning: "seconds a prediction may take before 504 (default 60)" },
  { name: "SAGEMAKER_MAX_PAYLOAD_IN_MB", meaning: "request body limit in MB (default 6)" },
  { name: "SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", meaning: "response type when the client does not say" },
  { name: "STAGEMAKER_SERVER_TIMING", meaning: "on/off: the Server-Timing header the Load tab reads (default on)" },
  { name: "LOG_LEVEL", meaning: "server log level (default info)" },
];
