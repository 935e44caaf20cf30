"""Deploys the pushed image to a SageMaker real-time endpoint with boto3: a new model and endpoint
config each run, then the endpoint is created, or updated when it exists (no downtime).

    IMAGE_URI=... ROLE_ARN=... python deploy/boto3/deploy_endpoint.py [--dry-run] [--no-wait]

--dry-run checks every call against botocore's SageMaker service model with a Stubber and prints
it, without credentials or network."""

import sys
from typing import Any, List

from deploy_settings import Settings, dry_run_client, from_env


def deploy(client: Any, s: Settings, wait: bool = True) -> str:
    client.create_model(
        ModelName=s.versioned, ExecutionRoleArn=s.role_arn, PrimaryContainer=s.container()
    )
    client.create_endpoint_config(
        EndpointConfigName=s.versioned,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": s.versioned,
                "InstanceType": s.instance_type,
                "InitialInstanceCount": s.instance_count,
            }
        ],
    )
    if endpoint_exists(client, s.endpoint):
        client.update_endpoint(EndpointName=s.endpoint, EndpointConfigName=s.versioned)
    else:
        client.create_endpoint(EndpointName=s.endpoint, EndpointConfigName=s.versioned)
    if wait:
        print(f"waiting for {s.endpoint} to be InService (several minutes; --no-wait to skip)")
        client.get_waiter("endpoint_in_service").wait(EndpointName=s.endpoint)
    return s.endpoint


def endpoint_exists(client: Any, name: str) -> bool:
    try:
        client.describe_endpoint(EndpointName=name)
        return True
    except client.exceptions.ClientError as exc:
        if exc.response["Error"]["Code"] == "ValidationException":
            return False
        raise


def dry_run(s: Settings) -> List[str]:
    """Every call deploy() makes for a new endpoint, checked against the service model."""
    from botocore.stub import Stubber

    client = dry_run_client(s.region)
    stub = Stubber(client)
    stub.add_response("create_model", {"ModelArn": f"arn:aws:sagemaker:::model/{s.versioned}"})
    stub.add_response(
        "create_endpoint_config",
        {"EndpointConfigArn": f"arn:aws:sagemaker:::endpoint-config/{s.versioned}"},
    )
    stub.add_client_error("describe_endpoint", "ValidationException", "Could not find endpoint")
    stub.add_response(
        "create_endpoint", {"EndpointArn": f"arn:aws:sagemaker:::endpoint/{s.endpoint}"}
    )
    calls: List[str] = []
    client.meta.events.register(
        "provide-client-params.sagemaker.*",
        lambda params, model, **_: calls.append(f"{model.name} {params}"),
    )
    with stub:
        deploy(client, s, wait=False)
        stub.assert_no_pending_responses()
    return calls


def main(argv: List[str]) -> int:
    if "--dry-run" in argv:
        for call in dry_run(from_env()):
            print(call)
        return 0
    import boto3

    s = from_env()
    endpoint = deploy(boto3.client("sagemaker", region_name=s.region), s, "--no-wait" not in argv)
    print(f"endpoint: {endpoint} (model and endpoint config {s.versioned})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
