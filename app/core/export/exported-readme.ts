// The exported repository's README: what the model is, its Instance/Prediction tables (from the
// schemas Python produced), how to invoke, build, test, serve and deploy it.
import {
  type ArtifactsDecision,
  type DeployTool,
  formatBytes as mb,
  type LoadReport,
  type Manifest,
  type ModelSchemas,
} from "../../contract";
import { loadReportMarkdown } from "../load/report-markdown";
import { exampleValue, schemaTable } from "./schema-table";

/** What the README reads of the schemas (schemas/read-schemas.ts, the one reader). */
export type ReadmeSchemas = Pick<ModelSchemas, "instance" | "prediction">;

export interface ReadmeInput {
  manifest: Manifest;
  /** Repo folder name, as `make` derives the image name from it. */
  repoName: string;
  schemas: ReadmeSchemas | null;
  artifacts: ArtifactsDecision;
  artifactFiles: { path: string; bytes: number }[];
  deployTool: DeployTool;
  /** The project's last completed load test (.stagemaker/load/), shown under "Load test". */
  loadReport?: LoadReport | null;
}

function describe(schema: Record<string, unknown>): string {
  return typeof schema.description === "string" ? `${schema.description.trim()}\n\n` : "";
}

function artifactsSection({ artifacts, artifactFiles }: ReadmeInput): string {
  const list = artifactFiles.map((f) => `- \`artifacts/${f.path}\` (${mb(f.bytes)})`).join("\n");
  const head = `\`artifacts/\` is the model data SageMaker finds in \`/opt/ml/model\` (\`make serve\` and \`make test\` mount it there).\n\n`;
  switch (artifacts.decision) {
    case "none":
      return head + "This model has no artifacts.\n";
    case "commit":
      return (
        head +
        `Committed as plain files (${mb(artifacts.bytes)} in all, under the ${mb(artifacts.thresholdBytes)} threshold chosen at export):\n\n${list}\n`
      );
    case "lfs":
      return (
        head +
        `Tracked with [Git LFS](https://git-lfs.com) (${mb(artifacts.bytes)}, over the ${mb(artifacts.thresholdBytes)} threshold chosen at export; see \`.gitattributes\`). ` +
        "Install git-lfs before cloning, or run `git lfs pull` after:\n\n" +
        list +
        "\n"
      );
    case "package":
      return (
        head +
        `**Not in git** (${mb(artifacts.bytes)}, over the ${mb(artifacts.thresholdBytes)} threshold chosen at export). ` +
        "Put these files in `artifacts/` before `make test` or `make serve` (e.g. extract the team's `model.tar.gz` there: " +
        "`mkdir -p artifacts && tar -xzf model.tar.gz -C artifacts`); `make package` makes that `model.tar.gz` from `artifacts/` for SageMaker:\n\n" +
        list +
        "\n"
      );
  }
}

function deploySection({ deployTool }: ReadmeInput): string {
  const run =
    deployTool === "boto3"
      ? { endpoint: "python deploy/boto3/deploy_endpoint.py", batch: "python deploy/boto3/batch_transform.py", dry: "--dry-run" }
      : { endpoint: "deploy/aws-cli/deploy-endpoint.sh", batch: "deploy/aws-cli/batch-transform.sh", dry: "DRY_RUN=1" };
  const dryExample = deployTool === "boto3" ? `${run.endpoint} --dry-run` : `DRY_RUN=1 ${run.endpoint}`;
  return `### SageMaker
1. Push the image to a registry SageMaker can pull from (ECR):
   \`\`\`bash
   make ecr-login REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com REGION=eu-west-1
   make push REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com   # prints IMAGE_URI
   \`\`\`
2. Model data, if any: \`make package\`, upload \`model.tar.gz\` to S3, set \`MODEL_DATA_URL=s3://...\`.
3. Create the model, endpoint config and endpoint (${deployTool === "boto3" ? "boto3" : "AWS CLI v2"}; a re-run makes a new model and config and updates the endpoint):
   \`\`\`bash
   IMAGE_URI=... ROLE_ARN=arn:aws:iam::123456789012:role/SageMakerRole ${run.endpoint}
   \`\`\`
   Optional: \`MODEL_NAME\`, \`ENDPOINT_NAME\`, \`INSTANCE_TYPE\` (ml.m5.large), \`INSTANCE_COUNT\` (1), \`AWS_REGION\`.
   The container's environment comes from \`deploy/model.env\`. \`${dryExample}\` shows the calls without AWS.
4. Batch transform over files in S3 (one record per line):
   \`\`\`bash
   INPUT_S3=s3://bucket/in/ OUTPUT_S3=s3://bucket/out/ SAGEMAKER_MODEL=<model name from step 3> ${run.batch}
   \`\`\`
   \`CONTENT_TYPE\` defaults to \`application/jsonlines\`.

### Kubernetes (KServe)
\`deploy/kserve/inferenceservice.yaml\` runs the same image as a KServe \`InferenceService\` (the server answers KServe's v1 protocol).
Set \`image\` to the pushed image, then \`kubectl apply -f deploy/kserve/inferenceservice.yaml\`.
Model data: add \`- name: STORAGE_URI\` with an \`s3://\` or \`gs://\` URL to the container's \`env\`; KServe puts it in \`/mnt/models\`.
`;
}

export function exportedReadme(input: ReadmeInput): string {
  const { manifest, schemas, repoName } = input;
  const image = `${repoName}:latest`;
  const instanceExample = schemas ? exampleValue(schemas.instance, schemas.instance) : {};
  const body = JSON.stringify({ instances: [instanceExample] });
  const schemaPart = schemas
    ? `### Instance: one input\n${describe(schemas.instance)}${schemaTable(schemas.instance)}\n### Prediction: one output\n${describe(schemas.prediction)}${schemaTable(schemas.prediction)}`
    : "_The schemas could not be read (the image was not built when this was exported); see `model/instance.py` and `model/prediction.py`, or `/docs` on a running server._\n";
  return `# ${manifest.name}

**${manifest.name}** is a machine-learning model packaged as a SageMaker-compatible Docker image: the
container starts with \`serve\`, listens on port 8080, answers \`GET /ping\` and \`POST /invocations\`
(and KServe's \`/v1/models/NAME:predict\`), and reads its model data from \`/opt/ml/model\`. The model code is
in \`model/\` (the Instance and Prediction pydantic models and the Predictor); \`server/\` is the server around it.
Exported by Stagemaker from server template ${manifest.templateVersion}.

## Inputs and outputs
Requests hold \`{"instances": [Instance, ...]}\` and answers \`{"predictions": [Prediction, ...]}\`
(also CSV and JSON Lines, see \`docs/server.md\`).

${schemaPart}
## Model data
${artifactsSection(input)}
## Build, test, serve
Needs Docker and make.

| command | what it does |
| --- | --- |
| \`make test\` | builds the image, runs the unit tests inside it, starts a container and tests it over HTTP, stops it |
| \`make serve\` | the server on http://localhost:8080 (\`PORT=9000\` for another), \`artifacts/\` mounted at \`/opt/ml/model\` |
| \`make package\` | \`model.tar.gz\` from \`artifacts/\`, SageMaker's model data format |
| \`make push REGISTRY=...\` | tags the image \`REGISTRY/${repoName}:VERSION\` and pushes it |
| \`make load\` | a load test on this machine: requests/s and latency at 1, 4 and 16 connections (\`LOAD_CONNECTIONS=...\`), with the server's queue and model time |

Behind a TLS-inspecting proxy, the build trusts the CA bundle named by \`SSL_CERT_FILE\`,
\`REQUESTS_CA_BUNDLE\` or \`PIP_CERT\` (\`make test CA_BUNDLE=/path/to/ca.pem\` to name one). CI:
\`.github/workflows/ci.yml\` runs \`make test\`, \`make lint\` and \`make mypy\`.

${input.loadReport ? `## Load test\n${loadReportMarkdown(input.loadReport)}\n` : ""}## Invoke
Locally (\`make serve\`):
\`\`\`bash
curl -H 'Content-Type: application/json' -d '${body.replace(/'/g, "'\\''")}' http://localhost:8080/invocations
\`\`\`
\`\`\`python
import requests

answer = requests.post("http://localhost:8080/invocations", json=${JSON.stringify({ instances: [instanceExample] })}, timeout=60)
print(answer.json()["predictions"])
\`\`\`
On a SageMaker endpoint (see Deploy):
\`\`\`python
import json
import boto3

runtime = boto3.client("sagemaker-runtime")
answer = runtime.invoke_endpoint(
    EndpointName="${repoName}",
    ContentType="application/json",
    Accept="application/json",
    Body=json.dumps(${JSON.stringify({ instances: [instanceExample] })}),
)
print(json.loads(answer["Body"].read())["predictions"])
\`\`\`

## Deploy
${deploySection(input)}
## Files
| path | what |
| --- | --- |
| \`model/\` | your model: \`instance.py\`, \`prediction.py\`, \`predictor.py\` |
| \`server/\` | the model server (regenerated by Stagemaker; leave it alone) |
| \`tools/\` | Stagemaker's tools the image carries (the schema reader, the frameworks' CLI); the server never imports them |
| \`tests/\` | unit tests (run inside the image), \`tests/integration/\` the live-container tests |
| \`deploy/\` | SageMaker scripts, \`model.env\`, the KServe manifest |
| \`Dockerfile\`, \`requirements.txt\`, \`system-packages.txt\` | the image; your pip and apt packages |
| \`docs/server.md\` | the server's own guide: media types, errors, environment variables, performance |
| \`stagemaker.json\` | open this folder in Stagemaker to keep working on it (image \`${image}\` here, \`${manifest.imageTag}\` there) |
`;
}
