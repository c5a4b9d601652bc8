import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/blockwork.js", import.meta.url));

/** A `blockwork` CLI child process, for tests that need a real process (signals, crashes, several servers). */
export interface CliProcess {
  readonly pid: number;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with its exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** The first URL it printed: where it serves. */
  readonly url: Promise<string>;
  kill(signal?: NodeJS.Signals): void;
}

export function startCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/[^\s]+\/)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", () => reject(new Error(`exited before serving:\n${output}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { pid: child.pid!, output: () => output, exited, url, kill: (signal = "SIGTERM") => void child.kill(signal) };
}
