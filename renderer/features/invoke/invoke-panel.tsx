import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { HistoryEntry, InvocationResult } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { useFile } from "../editor/use-file";
import { useProject } from "../projects/use-projects";
import { useContainerState } from "../run/use-run";
import { exampleBody, instanceFields } from "./instance-example";
import { InvocationHistory } from "./invocation-history";
import { RequestEditor } from "./request-editor";
import { fromHistory, initialRequest, TEMPLATE_EXAMPLE, type RequestDraft } from "./request-model";
import { ResponseInspector } from "./response-inspector";
import { useSendInvocation } from "./use-invoke";

/** Request editor, inspector and history side by side: the inner loop of trying a model. */
export function InvokePanel({ project }: { project: string }) {
  const [request, setRequest] = useState<RequestDraft>(() => initialRequest());
  const instance = useFile(project, "model/instance.py");
  const fields = useMemo(() => (instance.data ? instanceFields(instance.data.content) : null), [instance.data]);
  const example = useCallback(
    (contentType: string) => (fields ? exampleBody(fields, contentType) : null) ?? (contentType === "application/json" ? TEMPLATE_EXAMPLE : null),
    [fields],
  );
  // The body follows the Instance (and the content type) until the person edits it.
  const prefilled = useRef(TEMPLATE_EXAMPLE);
  useEffect(() => {
    setRequest((r) => {
      const ex = example(r.contentType);
      if (ex === null || r.body !== prefilled.current) return r;
      prefilled.current = ex;
      return { ...r, body: ex };
    });
  }, [example]);
  const change = (next: RequestDraft) => {
    if (next.contentType !== request.contentType && request.body === prefilled.current) {
      const ex = example(next.contentType);
      if (ex !== null) {
        prefilled.current = ex;
        next = { ...next, body: ex };
      }
    }
    setRequest(next);
  };
  const resetExample = () => {
    const ex = example(request.contentType);
    if (ex === null) return;
    prefilled.current = ex;
    setRequest({ ...request, body: ex });
  };
  const [shown, setShown] = useState<{ id?: string; result?: InvocationResult }>({});
  const send = useSendInvocation(project);
  const { data: state } = useContainerState(project);
  const name = useProject(project).data?.manifest.name;
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
    setRequest(fromHistory(h.request));
    setShown({ id: h.id, result: h.result });
    send.reset();
  };

  return (
    <div className="panel invoke-panel">
      <div className="invoke-grid">
        <div className="invoke-request card flat">
          <RequestEditor value={request} onChange={change} onExample={example(request.contentType) !== null ? resetExample : undefined} onSend={() => doSend(request)} sending={send.isPending} disabledReason={notRunning} target={state?.state === "healthy" ? `http://127.0.0.1:${state.hostPort}` : undefined} paths={paths} />
        </div>
        <div className="invoke-response card flat">
          <ResponseInspector result={send.isError ? undefined : shown.result} error={send.isError ? errorText(send.error) : undefined} />
        </div>
        <div className="invoke-history card flat">
          <InvocationHistory project={project} selected={shown.id} onShow={showEntry} onResend={(h) => doSend(fromHistory(h.request))} />
        </div>
      </div>
    </div>
  );
}
