import { handleFile, JobError } from "@blockwork/client";
import { Blocks, Button, Json, listener, Textbox, type FileValue, type JsonValue } from "@blockwork/core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cachedEntries, connect, Latch, later, serve, tempCacheDir } from "./harness.ts";

/**
 * A Json input carries the file values, so that what is tested is the client's upload alone (a FileBox's edge
 * checks are file-components.test.tsx's): the handler reads each one's bytes from its path.
 */
function readerApp(started?: Latch) {
  const files = Json();
  const report = Textbox();
  const read = listener(
    async (value: JsonValue) => {
      started?.open();
      const list = (Array.isArray(value) ? value : [value]) as unknown as FileValue[];
      const parts = await Promise.all(list.map(async (file) => `${file.name} ${file.url.startsWith("files/") ? "issued" : "foreign"}: ${await readFile(file.path, "utf8")}`));
      return parts.join(" | ");
    },
    { inputs: [files], outputs: [report], apiName: "read" },
  );
  return (
    <Blocks>
      {files}
      <Button onClick={read}>Read</Button>
      {report}
    </Blocks>
  );
}


describe("handleFile: the client uploads files before the join", () => {
  test("a path, a Blob and a File, anywhere a value goes: each uploaded, then read by the handler from the server's cache", async () => {
    const { url } = await serve(readerApp());
    const client = await connect(url);
    const path = join(mkdtempSync(join(tmpdir(), "blockwork-local-")), "notes.txt");
    writeFileSync(path, "from disk");
    expect(await client.predict("read", [handleFile(path)])).toEqual(["notes.txt issued: from disk"]);
    const many = [handleFile(new Blob(["a blob"])), handleFile(new File(["a file"], "named.txt"))];
    expect(await client.predict("read", [many])).toEqual(["blob issued: a blob | named.txt issued: a file"]);
  });

  test("a URL is downloaded by the client and uploaded: the handler gets a file of the server's own", async () => {
    const requests: string[] = [];
    const remote = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("remote bytes");
    });
    await new Promise<void>((resolve) => remote.listen(0, "127.0.0.1", resolve));
    later(() => new Promise((resolve) => remote.close(resolve)));
    const remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}/pics/cat%20photo.txt`;
    const { url } = await serve(readerApp());
    const client = await connect(url);
    expect(await client.predict("read", [handleFile(remoteUrl)])).toEqual(["cat photo.txt issued: remote bytes"]);
    expect(await client.predict("read", [handleFile(new URL(remoteUrl))])).toEqual(["cat photo.txt issued: remote bytes"]);
    expect(requests).toEqual(["/pics/cat%20photo.txt", "/pics/cat%20photo.txt"]);
  });

  test("a file past the server's maxFileBytes fails with too_large before anything is sent", async () => {
    const dir = tempCacheDir();
    const { url } = await serve(readerApp(), { cacheDir: dir, maxFileBytes: 10 });
    const client = await connect(url);
    const error = await client.predict("read", [handleFile(new Blob(["x".repeat(11)]))]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).code).toBe("too_large");
    expect(cachedEntries(dir)).toEqual([]);
  });

  test("a missing path fails the job with a validation error that names it", async () => {
    const { url } = await serve(readerApp());
    const client = await connect(url);
    const error = (await client.predict("read", [handleFile("/no/such/file.png")]).catch((e: unknown) => e)) as JobError;
    expect([error.code, error.message]).toEqual(["validation", expect.stringContaining("/no/such/file.png")]);
  });

  test("with auth, the client's login carries its uploads", async () => {
    const { url } = await serve(readerApp(), { auth: [["ada", "lovelace"]] });
    const client = await connect(url, undefined, ["ada", "lovelace"]);
    expect(await client.predict("read", [handleFile(new File(["private"], "p.txt"))])).toEqual(["p.txt issued: private"]);
  });

  test("cancelling a job whose file is still uploading sends nothing: the handler never runs", async () => {
    const started = new Latch();
    let handlerRan = false;
    void started.opened.then(() => (handlerRan = true));
    const { url } = await serve(readerApp(started));
    const client = await connect(url);
    // The file comes from a URL that answers nothing: the client is still fetching it when the job is cancelled.
    const asked = new Latch();
    const hanging = createServer(() => asked.open());
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    later(() => {
      hanging.closeAllConnections();
      return new Promise((resolve) => hanging.close(resolve));
    });
    const job = client.submit("read", [handleFile(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/slow.png`)]);
    await asked.opened;
    await job.cancel();
    const events = [];
    for await (const event of job) events.push(event);
    expect(events).toEqual([{ type: "error", code: "cancelled", message: "Cancelled while its files were uploading; the job was never sent." }]);
    expect(job.id).toBeNull();
    expect(handlerRan).toBe(false);
  });
});
