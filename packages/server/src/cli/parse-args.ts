/** A parsed command line. */
export type Command =
  | { readonly kind: "run"; readonly file: string; readonly port: number | undefined; readonly host: string | undefined; readonly redis: string | undefined; readonly role: "both" | "web" | "worker" | undefined }
  | { readonly kind: "dev"; readonly file: string; readonly port: number | undefined; readonly host: string | undefined }
  | { readonly kind: "gallery"; readonly dir: string; readonly port: number | undefined; readonly host: string | undefined }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

export const USAGE = `Usage:
  blockwork run <app.tsx> [--port 7860] [--host 127.0.0.1] [--redis redis://host:6379] [--role both|web|worker]
                                                            serve one app (with --redis: one of many processes
                                                            sharing one queue; a web process runs no handlers, a
                                                            worker serves nothing)
  blockwork dev <app.tsx> [--port 7860] [--host 127.0.0.1]   serve one app and reload it on every edit of it or
                                                            of what it imports (open pages keep their session)
  blockwork gallery [dir] [--port 7860] [--host 127.0.0.1]   serve every <dir>/<name>/app.tsx at /<name>/

Port, host and Redis also come from BLOCKWORK_PORT, BLOCKWORK_HOST and BLOCKWORK_REDIS_URL. Without an explicit port, a busy 7860
moves to the next free port.`;

export function parseArgs(argv: readonly string[]): Command {
  const positional: string[] = [];
  let port: number | undefined;
  let host: string | undefined;
  let redis: string | undefined;
  let role: "both" | "web" | "worker" | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? (arg.split(/=(.*)/s) as [string, string]) : [arg, undefined];
    if (flag === "--port" || flag === "--host" || flag === "--redis" || flag === "--role") {
      const value = inline ?? argv[++i];
      if (value === undefined) return { kind: "error", message: `${flag} needs a value` };
      if (flag === "--host") host = value;
      else if (flag === "--role") {
        if (value !== "both" && value !== "web" && value !== "worker") return { kind: "error", message: `--role must be both, web or worker, got "${value}"` };
        role = value;
      } else if (flag === "--redis") {
        if (!/^rediss?:\/\//.test(value)) return { kind: "error", message: `--redis must be a redis:// or rediss:// URL, got "${value}"` };
        redis = value;
      }
      else {
        const parsed = parsePort(value);
        if (parsed === undefined) return { kind: "error", message: `--port must be a port number (0-65535), got "${value}"` };
        port = parsed;
      }
    } else if (arg.startsWith("-")) {
      return { kind: "error", message: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  const [command, target, ...rest] = positional;
  if (rest.length > 0) return { kind: "error", message: `unexpected argument ${rest[0]}` };
  if (command === "run") {
    if (target === undefined) return { kind: "error", message: "run needs an app file: blockwork run app.tsx" };
    if (role !== undefined && role !== "both" && redis === undefined && !process.env.BLOCKWORK_REDIS_URL) {
      return { kind: "error", message: `--role ${role} needs the Redis queue: add --redis redis://host:port` };
    }
    return { kind: "run", file: target, port, host, redis, role };
  }
  if (command === "dev") {
    if (target === undefined) return { kind: "error", message: "dev needs an app file: blockwork dev app.tsx" };
    if (redis !== undefined || role !== undefined) return { kind: "error", message: "dev serves one process with the queue in memory: drop --redis and --role" };
    return { kind: "dev", file: target, port, host };
  }
  if (command === "gallery") return { kind: "gallery", dir: target ?? "demos", port, host };
  if (command === undefined) return { kind: "help" };
  return { kind: "error", message: `unknown command ${command}` };
}

export function parsePort(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}
