import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";

/** A real redis-server for tests, on loopback only, with persistence off so that a restart comes back empty. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL: as abrupt as a crash); its data is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty; resolves when it accepts commands. */
  start(): Promise<void>;
}

const binary = process.env.BLOCKWORK_REDIS_SERVER ?? "redis-server";

/** Starts a redis-server on a free port of 127.0.0.1 and resolves when it accepts commands. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) throw new Error("redis-server is already running");
      child = await launch(port);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, "exit");
      running.kill("SIGKILL");
      await exited;
    },
  };
  await server.start();
  return server;
}

async function launch(port: number): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmpdir(), "--loglevel", "notice"];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.resume();
    child.once("error", (error) => reject(new Error(`could not start ${binary} (run scripts/ensure-redis.mjs): ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`${binary} exited with ${code} before it was ready:\n${output}`)));
  });
  child.unref();
  return child;
}

/** A port the OS says is free now (a race with another process taking it is unlikely on loopback). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}
