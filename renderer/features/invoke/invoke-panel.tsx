import { useState } from "react";
import type { HistoryEntry, InvocationResult } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { useContainerState } from "../run/use-run";
import { InvocationHistory } from "./invocation-history";
import { RequestEditor } from "./request-editor";
import { fromHistory, initialRequest, type RequestDraft } from "./request-model";
import { ResponseInspector } from "./response-inspector";
import { useSendInvocation } from "./use-invoke";

/** Request editor, inspector and history side by side: the inner loop of trying a model. */
export function InvokePanel({ project }: { project: string }) {
  const [request, setRequest] = useState<RequestDraft>(() => initialRequest());
  const [shown, setShown] = useState<{ id?: string; result?: InvocationResult }>({});
  const send = useSendInvocation(project);
  const { data: state } = useContainerState(project);
  const notRunning = state && state.state !== "healthy" ? "Run the project first (Run tab)." : undefined;

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
          <RequestEditor value={request} onChange={setRequest} onSend={() => doSend(request)} sending={send.isPending} disabledReason={notRunning} />
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
