// A handler project (SageMaker script mode) has no Instance/Prediction: its inference.py reads and
// writes raw bodies. Saying so beats showing the template's example schema, which it does not use.
import { type Manifest, StagemakerError } from "../../contract";

export const isHandlerProject = (manifest: Manifest) => manifest.env.some((e) => e.name === "SAGEMAKER_PROGRAM" && e.value.trim() !== "");

export function refuseSchemasOfHandler(manifest: Manifest): void {
  if (!isHandlerProject(manifest)) return;
  const program = manifest.env.find((e) => e.name === "SAGEMAKER_PROGRAM")!.value;
  throw new StagemakerError(
    "invalid-input",
    `This project serves its handler script (SAGEMAKER_PROGRAM=${program}), which reads raw bodies: it has no Instance or Prediction schema. Write the body by hand with the content type your input_fn reads; remove SAGEMAKER_PROGRAM from the environment to serve model/ instead.`,
  );
}
