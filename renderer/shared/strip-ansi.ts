/** Terminal colour and cursor codes (pip and apt print them even without a TTY) do not belong in a log view. */
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
