import { useModelRefusal } from "./queries/use-model-refusal";

/** The project's model refusal, shown before a click: what happened, why, and what to do. */
export function ModelRefusalBanner({ project }: { project: string }) {
  const refusal = useModelRefusal(project).data;
  if (!refusal) return null;
  return (
    <div className="banner bad" role="alert" data-testid="model-refusal">
      <strong>
        {refusal.cause === "refused-at-intake"
          ? "The model was refused, so this project is not built, run or sent requests:"
          : "Not built, run or sent requests as it stands:"}
      </strong>{" "}
      {refusal.message}
      <p className="hint">{refusal.todo}</p>
    </div>
  );
}
