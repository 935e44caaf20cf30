// The Invoke tab: the request (form, table or raw body from the Instance schema), the checked answer and the history side by side.
import { useEffect, useMemo, useRef, useState } from "react";
import type { HistoryEntry, InvocationResult, ModelSchemas } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { useProject } from "../../shared/queries/use-projects";
import { useContainerState } from "../../shared/queries/use-run";
import { useSchemas } from "../../shared/queries/use-schemas";
import { bodyFormat, bodyToInstances, instancesToBody } from "./body-format";
import { columnsOf, sampleInstance } from "./form-schema";
import { InvocationHistory } from "./invocation-history";
import { RequestEditor } from "./request-editor";
import { RequestInstances } from "./request-instances";
import { fromHistory, initialRequest, TEMPLATE_EXAMPLE, type RequestDraft } from "./request-model";
import { ResponseInspector } from "./response-inspector";
import { ModelRefusalBanner } from "../../shared/model-refusal-banner";
import { SchemaStatus } from "../../shared/schema-status";
import { useSendInvocation } from "./use-invoke";

const columnsFor = (s?: ModelSchemas) => (s ? columnsOf(s.instance, s.fieldOrder.instance) : []);

export function InvokePanel({ project }: { project: string }) {
  const [request, setRequest] = useState<RequestDraft>(() => initialRequest());
  const [instances, setInstances] = useState<unknown[]>(() => [{ field1: "asdf", field2: 1.2 }]);
  const schemas = useSchemas(project);
  const s = schemas.data;
  const columns = useMemo(() => columnsFor(s), [s]);
  // The body follows the schema (a new field appears in the form and the body) until the person edits it by hand.
  const untouched = useRef(true);
  useEffect(() => {
    if (!s || !untouched.current) return;
    const fresh = [sampleInstance(s.instance)];
    setInstances(fresh);
    setRequest((r) => ({ ...r, body: instancesToBody(fresh, bodyFormat(r.contentType), columnsFor(s)) ?? r.body }));
  }, [s]);

  const change = (next: RequestDraft) => {
    if (next.contentType !== request.contentType)
      next = { ...next, body: instancesToBody(instances, bodyFormat(next.contentType), columns) ?? next.body };
    setRequest(next);
  };
  const changeBody = ({ body, instances: next, byUser = true }: { body: string; instances: unknown[]; byUser?: boolean }) => {
    if (byUser) untouched.current = false;
    setInstances(next);
    setRequest((r) => ({ ...r, body }));
  };
  const resetExample = () => {
    untouched.current = true;
    const fresh = s ? [sampleInstance(s.instance)] : instances;
    setInstances(fresh);
    setRequest((r) => ({ ...r, body: instancesToBody(fresh, bodyFormat(r.contentType), columns) ?? (s ? r.body : TEMPLATE_EXAMPLE) }));
  };

  const [shown, setShown] = useState<{ id?: string; result?: InvocationResult }>({});
  const send = useSendInvocation(project);
  const { data: state } = useContainerState(project);
  const manifest = useProject(project).data?.manifest;
  const name = manifest?.name;
  const handler = manifest?.env.find((e) => e.name === "SAGEMAKER_PROGRAM" && e.value)?.value;
  const paths = name && /^[A-Za-z0-9._-]+$/.test(name) ? ["/invocations", `/v1/models/${name}:predict`] : ["/invocations"];
  // Say what the container is doing rather than "not running" when one is there.
  const notRunning =
    !state || state.state === "healthy"
      ? undefined
      : state.state === "failed"
        ? `The server is not serving: ${state.reason} (Run tab).`
        : state.state === "starting" || state.state === "reloading"
          ? `The server is ${state.state}; wait until it is healthy (Run tab).`
          : "Run the project first (Run tab).";

  const doSend = (r: RequestDraft) => {
    setRequest(r);
    send.mutate(r, { onSuccess: (result) => setShown({ result }) });
  };
  const showEntry = (h: HistoryEntry) => {
    const r = fromHistory(h.request);
    setRequest(r);
    const read = bodyToInstances(r.body, bodyFormat(r.contentType), columns);
    if ("instances" in read) setInstances(read.instances);
    untouched.current = false;
    setShown({ id: h.id, result: h.result });
    send.reset();
  };

  return (
    <div className="panel invoke-panel">
      <ModelRefusalBanner project={project} />
      <SchemaStatus query={schemas} />
      <div className="invoke-grid">
        <div className="invoke-request card flat">
          <RequestEditor
            value={request}
            onChange={change}
            onExample={s ? resetExample : undefined}
            onSend={() => doSend(request)}
            sending={send.isPending}
            disabledReason={notRunning}
            target={state?.state === "healthy" ? `http://127.0.0.1:${state.hostPort}` : undefined}
            paths={paths}
          >
            <RequestInstances
              project={project}
              schemas={handler ? undefined : s}
              handler={handler}
              contentType={request.contentType}
              body={request.body}
              instances={instances}
              onChange={changeBody}
            />
          </RequestEditor>
        </div>
        <div className="invoke-response card flat">
          <ResponseInspector
            result={send.isError ? undefined : shown.result}
            error={send.isError ? errorText(send.error) : undefined}
            schemas={s}
          />
        </div>
        <div className="invoke-history card flat">
          <InvocationHistory project={project} selected={shown.id} onShow={showEntry} onResend={(h) => doSend(fromHistory(h.request))} />
        </div>
      </div>
    </div>
  );
}
