/** Minimal Node client for the browser host's wire (see app/web/README.md), for the benchmark. */
export interface HostAddress {
  origin: string;
  token: string;
}

const headers = (host: HostAddress) => ({ "Content-Type": "application/json", "X-Stagemaker-Token": host.token });

export async function call<T>(host: HostAddress, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${channel}`, {
    method: "POST",
    headers: headers(host),
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

export async function stream<T>(
  host: HostAddress,
  channel: string,
  input: unknown,
  onEvent: (e: unknown) => void = () => undefined,
): Promise<T> {
  const response = await fetch(`${host.origin}/api/stream/${channel}`, {
    method: "POST",
    headers: headers(host),
    body: JSON.stringify(input),
  });
  if (!response.body) throw new Error(`${channel}: no body`);
  let buffered = "";
  // Node's web streams are async-iterable; the DOM lib in tsconfig does not say so.
  for await (const chunk of response.body.pipeThrough(new TextDecoderStream()) as unknown as AsyncIterable<string>) {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const message = JSON.parse(buffered.slice(0, newline)) as {
        event?: unknown;
        result?: { ok: boolean; value?: T; error?: { code: string; message: string } };
      };
      buffered = buffered.slice(newline + 1);
      if (message.result) {
        if (!message.result.ok) throw new Error(`${channel}: ${message.result.error?.code}: ${message.result.error?.message}`);
        return message.result.value as T;
      }
      onEvent(message.event);
    }
  }
  throw new Error(`${channel}: stream ended without a result`);
}
