import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { RunningServer } from "./blockwork-server.ts";

/**
 * The upload ceiling: a bare `node:http` server that streams each request body to a file in the temp dir and
 * answers with its byte count. No multipart parsing, no cache, no queue beside it: the same bytes on the same disk
 * can't arrive faster than this on the same machine, so Blockwork's upload rate is read as a ratio to it.
 */
export async function startBareUploadServer(): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), "bench-bare-upload-"));
  let next = 0;
  const server = createServer((req, res) => {
    const file = join(dir, `upload-${next++}`);
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    pipeline(req, createWriteStream(file)).then(
      async () => {
        await rm(file, { force: true });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ bytes }));
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
