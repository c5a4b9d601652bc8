import { spawn, type ChildProcess } from "node:child_process";

/** Options of `spawnCli`. */
export interface SpawnCliOptions {
  /** Variables added to this process's environment for the child. */
  env?: Readonly<Record<string, string>>;
  /** The child's working directory (app paths are resolved from it). @default process.cwd() */
  cwd?: string;
  /**
   * How long the CLI may take to print its URL before the start counts as failed: it compiles the app file first.
   * @default 30_000
   */
  timeoutMs?: number;
  /**
   * Start the command in a process group of its own and signal the whole group on stop: for launchers such as
   * `npx`, which do not pass SIGTERM on to the server they start, so that the server does not outlive the test.
   * @default false
   */
  processGroup?: boolean;
  /**
   * What the CLI prints once it is ready; its first group, if any, is the URL. A worker (`--role worker`) serves
   * no URL.
   * @default /running at (http:\/\/\S+\/)/
   */
  ready?: RegExp;
}

/** A `blockwork` command serving in a child process. */
export interface RunningCli {
  /** The URL the CLI printed, e.g. `http://127.0.0.1:41234/`: the server is listening when it prints it. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the child's exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Sends a signal (SIGKILL: a crash) and returns at once. */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM (the CLI's graceful shutdown), SIGKILL after 5 s; resolves when the child has exited. */
  stop(): Promise<void>;
}

/**
 * Runs a `blockwork` command line (`[process.execPath, bin, "run", file]`, `["npx", "blockwork", "run", file]`) and
 * resolves once it prints the URL it serves at; rejects with its output if it exits or times out first. The CLI
 * prints the URL only after its server listens, so nothing polls.
 */
export function spawnCli(command: readonly [string, ...string[]], options: SpawnCliOptions = {}): Promise<RunningCli> {
  const [executable, ...args] = command;
  const child = spawn(executable, args, {
    cwd: options.cwd,
    detached: options.processGroup ?? false,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = (name: NodeJS.Signals): void => {
    if (!options.processGroup || child.pid === undefined) {
      child.kill(name);
      return;
    }
    try {
      process.kill(-child.pid, name);
    } catch {
      // ESRCH: every process of the group has exited already.
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => signal("SIGKILL"), 5_000);
    signal("SIGTERM");
    await exited;
    clearTimeout(kill);
  };
  return new Promise<RunningCli>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${command.join(" ")} ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    const onEarlyExit = (code: number | null): void => fail(`exited with ${String(code)} before serving`);
    const onUrl = (chunk: Buffer): void => {
      const match = (options.ready ?? /running at (http:\/\/\S+\/)/).exec(output + chunk.toString());
      if (match === null) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      child.stdout.off("data", onUrl);
      resolve({ url: match[1] ?? "", child, exited, output: () => output, stop, kill: signal });
    };
    // `output` collects both streams for error messages; the URL is looked for on stdout only.
    child.stdout.on("data", onUrl);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    child.once("exit", onEarlyExit);
  });
}
