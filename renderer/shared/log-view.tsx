import { memo, useEffect, useLayoutEffect, useRef } from "react";
import stripAnsi from "strip-ansi";

export interface LogLineView {
  text: string;
  tone?: "error" | "highlight" | "muted";
}

/** Rows already shown keep their props, so a new line renders one row, not the whole log. */
const Row = memo(function Row({ text, tone }: LogLineView) {
  return <div className={tone ? `log-${tone}` : undefined}>{stripAnsi(text) || "\u00a0"}</div>;
});

/** A live log that follows new lines unless the person scrolled up to read. */
export function LogView({ lines, label, testId, empty }: { lines: LogLineView[]; label: string; testId?: string; empty?: string }) {
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    };
    el.addEventListener("scroll", onScroll);
    return () => el.removeEventListener("scroll", onScroll);
  }, []);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <pre className="log-view" ref={box} aria-label={label} data-testid={testId} tabIndex={0}>
      {lines.length === 0 && empty ? <span className="muted">{empty}</span> : null}
      {lines.map((l, i) => (
        <Row key={i} text={l.text} tone={l.tone} />
      ))}
    </pre>
  );
}
