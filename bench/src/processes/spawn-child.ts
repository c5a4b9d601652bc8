import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { READY, type Handlers, type Remote, type RpcReply } from "./rpc.ts";

const benchDir = fileURLToPath(new URL("../../", import.meta.url));

export interface ChildOptions {
  /** For messages: "server", "generator 2". */
  readonly name: string;
  /** The child's module, relative to `src/processes/`. */
  readonly entry: string;
  /** Extra Node flags (`--expose-gc`, `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Open files the child needs (one per socket, plus some); the soft limit is raised to it when lower. */
  readonly openFiles?: number;
  /** Replies slower than this fail the run rather than hang it. @default 120 s */
  readonly defaultTimeoutMs?: number;
}

export interface Child<H extends Handlers> {
  readonly name: string;
  readonly remote: Remote<H>;
  readonly pid: number;
  /** Resolves with the exit code once the child has exited. */
  readonly exited: Promise<number | null>;
  /** Ends the child (SIGTERM, then SIGKILL after 10 s) and waits for it. */
  kill(): Promise<void>;
}

let limits: { soft: number; hard: number } | undefined;

/** The shell's open-file limits, read once: children inherit the soft one. */
export function openFileLimits(): { soft: number; hard: number } {
  const read = (flag: string) => {
    const text = execFileSync("sh", ["-c", `ulimit ${flag}`], { encoding: "utf8" }).trim();
    return text === "unlimited" ? Number.POSITIVE_INFINITY : Number(text);
  };
  limits ??= { soft: read("-Sn"), hard: read("-Hn") };
  return limits;
}

/**
 * Starts `entry` in its own Node process (`--import tsx`), so that its CPU time and memory are its own, and
 * resolves once it is ready for commands. When the child needs more open files than the soft limit allows, it is
 * started through `sh -c "ulimit -n …; exec node …"`; more than the hard limit fails here, with the fix.
 */
export async function spawnChild<H extends Handlers>(options: ChildOptions): Promise<Child<H>> {
  const { soft, hard } = openFileLimits();
  const wanted = options.openFiles ?? 0;
  if (wanted > hard) {
    throw new Error(`${options.name} needs ${wanted} open files but the hard limit is ${hard}: raise it (ulimit -Hn, /etc/security/limits.conf) or use --quick`);
  }
  const nodeArgv = [...(options.nodeArgs ?? []), "--import", "tsx", fileURLToPath(new URL(options.entry, import.meta.url))];
  const [command, args] =
    wanted > soft ? ["sh", ["-c", `ulimit -Sn ${wanted} && exec "$0" "$@"`, process.execPath, ...nodeArgv]] : [process.execPath, nodeArgv];
  const child = spawn(command as string, args as string[], {
    cwd: benchDir,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  return connect<H>(child, options);
}

function connect<H extends Handlers>(child: ChildProcess, options: ChildOptions): Promise<Child<H>> {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 0;
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (${signal ?? code}) during a command`));
      }
      pending.clear();
      resolve(exitCode);
    });
  });
  const call = (cmd: string, arg: unknown, timeoutMs = options.defaultTimeoutMs ?? 120_000) =>
    new Promise((resolve, reject) => {
      if (exitCode !== undefined) return reject(new Error(`${options.name} has exited`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${options.name}: ${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      child.send({ id, cmd, arg });
    });
  const remote = new Proxy({}, { get: (_, cmd: string) => (arg: unknown, timeoutMs?: number) => call(cmd, arg, timeoutMs) }) as Remote<H>;

  return new Promise((resolve, reject) => {
    const startTimer = setTimeout(() => reject(new Error(`${options.name} did not start within 30 s`)), 30_000);
    void exited.then((code) => reject(new Error(`${options.name} exited (${code}) before it was ready`)));
    child.on("message", (message: RpcReply | typeof READY) => {
      if (message === READY) {
        clearTimeout(startTimer);
        resolve({
          name: options.name,
          remote,
          pid: child.pid!,
          exited,
          async kill() {
            if (exitCode !== undefined) return;
            child.kill("SIGTERM");
            const stubborn = setTimeout(() => child.kill("SIGKILL"), 10_000);
            await exited;
            clearTimeout(stubborn);
          },
        });
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new Error(`${options.name}: ${message.error}`));
    });
  });
}
