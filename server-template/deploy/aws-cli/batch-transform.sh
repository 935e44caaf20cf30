#!/usr/bin/env bash
# Starts a SageMaker batch transform job with the AWS CLI (v2): every object under INPUT_S3 goes
# through the model, results land in OUTPUT_S3. SAGEMAKER_MODEL names an existing model (the full
# name deploy-endpoint.sh printed); without it one is created from IMAGE_URI and ROLE_ARN.
# DRY_RUN=1 prints the aws commands only.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${INPUT_S3:?set INPUT_S3 to an s3:// prefix holding the input files}"
: "${OUTPUT_S3:?set OUTPUT_S3 to an s3:// prefix for the results}"
stamp=$(date -u +%Y%m%d-%H%M%S)
# SageMaker names: letters, digits and hyphens, at most 63 characters (with the time stamp).
base=$(basename "$PWD" | tr -c 'a-zA-Z0-9\n' '-' | cut -c1-47)
job=${JOB_NAME:-$base-$stamp}
content_type=${CONTENT_TYPE:-application/jsonlines}

aws_() {
  if [ "${DRY_RUN:-0}" = 1 ]; then printf 'aws'; printf ' %q' "$@"; echo; else aws "$@"; fi
}

model=${SAGEMAKER_MODEL:-}
if [ -z "$model" ]; then
  : "${IMAGE_URI:?set SAGEMAKER_MODEL (an existing SageMaker model) or IMAGE_URI and ROLE_ARN}"
  : "${ROLE_ARN:?set ROLE_ARN to an IAM role SageMaker may assume}"
  model="$base-$stamp"
  container="Image=$IMAGE_URI"
  [ -z "${MODEL_DATA_URL:-}" ] || container="$container,ModelDataUrl=$MODEL_DATA_URL"
  aws_ sagemaker create-model --model-name "$model" --execution-role-arn "$ROLE_ARN" \
    --primary-container "$container"
fi
# One record per line (SplitType=Line), MultiRecord batches up to 6 MB, answers joined by line.
aws_ sagemaker create-transform-job --transform-job-name "$job" --model-name "$model" \
  --batch-strategy MultiRecord --max-payload-in-mb 6 \
  --transform-input "DataSource={S3DataSource={S3DataType=S3Prefix,S3Uri=$INPUT_S3}},ContentType=$content_type,SplitType=Line" \
  --transform-output "S3OutputPath=$OUTPUT_S3,Accept=$content_type,AssembleWith=Line" \
  --transform-resources "InstanceType=${INSTANCE_TYPE:-ml.m5.large},InstanceCount=${INSTANCE_COUNT:-1}"
echo "transform job: $job (aws sagemaker describe-transform-job --transform-job-name $job)"
