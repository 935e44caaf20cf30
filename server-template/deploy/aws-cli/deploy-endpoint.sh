#!/usr/bin/env bash
# Deploys the pushed image to a SageMaker real-time endpoint with the AWS CLI (v2): a new model and
# endpoint config each run, then the endpoint is created, or updated when it exists (no downtime).
# Settings come from the environment (README, "Deploy"); DRY_RUN=1 prints the aws commands only.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${IMAGE_URI:?set IMAGE_URI to the pushed image, e.g. ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:TAG (make push)}"
: "${ROLE_ARN:?set ROLE_ARN to an IAM role SageMaker may assume to pull the image and model data}"
# SageMaker names: letters, digits and hyphens, at most 63 characters (with the time stamp).
name=${MODEL_NAME:-$(basename "$PWD" | tr -c 'a-zA-Z0-9\n' '-' | cut -c1-47)}
endpoint=${ENDPOINT_NAME:-$name}
stamp=$(date -u +%Y%m%d-%H%M%S)
instance_type=${INSTANCE_TYPE:-ml.m5.large}
instance_count=${INSTANCE_COUNT:-1}

aws_() { # the aws CLI, or with DRY_RUN=1 the command it would run
  if [ "${DRY_RUN:-0}" = 1 ]; then printf 'aws'; printf ' %q' "$@"; echo; else aws "$@"; fi
}

# deploy/model.env holds NAME=VALUE lines (the project's environment) for the container.
container="Image=$IMAGE_URI"
env_pairs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' deploy/model.env 2>/dev/null | paste -sd, - || true)
[ -z "$env_pairs" ] || container="$container,Environment={$env_pairs}"
# Model data: an s3:// model.tar.gz (make package) that SageMaker extracts to /opt/ml/model.
[ -z "${MODEL_DATA_URL:-}" ] || container="$container,ModelDataUrl=$MODEL_DATA_URL"

aws_ sagemaker create-model --model-name "$name-$stamp" \
  --execution-role-arn "$ROLE_ARN" --primary-container "$container"
aws_ sagemaker create-endpoint-config --endpoint-config-name "$name-$stamp" \
  --production-variants "VariantName=AllTraffic,ModelName=$name-$stamp,InstanceType=$instance_type,InitialInstanceCount=$instance_count"
if [ "${DRY_RUN:-0}" != 1 ] && aws sagemaker describe-endpoint --endpoint-name "$endpoint" >/dev/null 2>&1; then
  aws_ sagemaker update-endpoint --endpoint-name "$endpoint" --endpoint-config-name "$name-$stamp"
else
  aws_ sagemaker create-endpoint --endpoint-name "$endpoint" --endpoint-config-name "$name-$stamp"
fi
if [ "${DRY_RUN:-0}" != 1 ] && [ "${WAIT:-1}" = 1 ]; then
  echo "waiting for $endpoint to be InService (several minutes; WAIT=0 to skip)"
  aws sagemaker wait endpoint-in-service --endpoint-name "$endpoint"
fi
echo "endpoint: $endpoint (model and endpoint config $name-$stamp)"
