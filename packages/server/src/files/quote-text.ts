/** Untrusted text quoted for a message: JSON-escaped (no CR/LF reaches a log line) and cut at `max` characters. */
export function quoteText(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
