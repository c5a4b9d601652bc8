/** Where the server reports what it can't send to a client: handler crashes, internal errors. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
}

/** Writes `[namespace] message` lines to stderr. */
export function createLogger(namespace: string): Logger {
  return {
    error: (message, error) => console.error(`[${namespace}] ${message}`, ...(error === undefined ? [] : [error])),
    warn: (message) => console.error(`[${namespace}] ${message}`),
  };
}
