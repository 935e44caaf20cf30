"""Starts a SageMaker batch transform job with boto3: every object under INPUT_S3 goes through the
model, results land in OUTPUT_S3. SAGEMAKER_MODEL names an existing SageMaker model (the full name
deploy_endpoint.py printed); without it a model is created from IMAGE_URI and ROLE_ARN.

    INPUT_S3=s3://... OUTPUT_S3=s3://... python deploy/boto3/batch_transform.py [--dry-run]"""

import os
import sys
from typing import Any, Dict, List, Mapping

from deploy_settings import Settings, dry_run_client, from_env


def transform_job(s: Settings, model: str, env: Mapping[str, str]) -> Dict[str, Any]:
    content_type = env.get("CONTENT_TYPE", "application/jsonlines")
    return {
        "TransformJobName": env.get("JOB_NAME") or s.versioned,
        "ModelName": model,
        # One record per line, batched up to 6 MB per request, answers joined by line.
        "BatchStrategy": "MultiRecord",
        "MaxPayloadInMB": 6,
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": env["INPUT_S3"]}},
            "ContentType": content_type,
            "SplitType": "Line",
        },
        "TransformOutput": {
            "S3OutputPath": env["OUTPUT_S3"],
            "Accept": content_type,
            "AssembleWith": "Line",
        },
        "TransformResources": {"InstanceType": s.instance_type, "InstanceCount": s.instance_count},
    }


def start(client: Any, s: Settings, env: Mapping[str, str]) -> str:
    model = env.get("SAGEMAKER_MODEL") or ""
    if not model:
        model = s.versioned
        client.create_model(
            ModelName=model, ExecutionRoleArn=s.role_arn, PrimaryContainer=s.container()
        )
    job = transform_job(s, model, env)
    client.create_transform_job(**job)
    return str(job["TransformJobName"])


def settings(env: Mapping[str, str]) -> Settings:
    for key in ("INPUT_S3", "OUTPUT_S3"):
        if not env.get(key):
            raise SystemExit(f"set {key} to an s3:// prefix ({key.split('_')[0].lower()})")
    # An existing model (SAGEMAKER_MODEL) needs no image or role.
    return from_env(env, required=not env.get("SAGEMAKER_MODEL"))


def dry_run(env: Mapping[str, str]) -> List[str]:
    from botocore.stub import Stubber

    s = settings(env)
    client = dry_run_client(s.region)
    stub = Stubber(client)
    if not env.get("SAGEMAKER_MODEL"):
        stub.add_response("create_model", {"ModelArn": f"arn:aws:sagemaker:::model/{s.versioned}"})
    stub.add_response("create_transform_job", {"TransformJobArn": "arn:aws:sagemaker:::job/x"})
    calls: List[str] = []
    client.meta.events.register(
        "provide-client-params.sagemaker.*",
        lambda params, model, **_: calls.append(f"{model.name} {params}"),
    )
    with stub:
        start(client, s, env)
        stub.assert_no_pending_responses()
    return calls


def main(argv: List[str]) -> int:
    env = dict(os.environ)
    if "--dry-run" in argv:
        for call in dry_run(env):
            print(call)
        return 0
    import boto3

    s = settings(env)
    job = start(boto3.client("sagemaker", region_name=s.region), s, env)
    print(f"transform job: {job} (aws sagemaker describe-transform-job --transform-job-name {job})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
