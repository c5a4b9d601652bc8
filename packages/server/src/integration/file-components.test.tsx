import { handleFile, JobError } from "@blockwork/client";
import { Blocks, Button, FileBox, listener, Textbox, type FileValue } from "@blockwork/core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { connect, serve } from "./harness.ts";

/** A FileBox in and out: the handler reports what it got, and returns whatever `give` makes of its text. */
function fileApp(give: (text: string) => unknown, ran: string[] = []) {
  const docs = FileBox({ label: "Docs", fileCount: "multiple", fileTypes: [".txt"] });
  const report = Textbox();
  const single = FileBox({ label: "Result" });
  const read = listener(
    async (files: FileValue[] | null) => {
      ran.push("read");
      const parts = await Promise.all((files ?? []).map(async (f) => `${f.name}=${await readFile(f.path, "utf8")}`));
      return parts.join(",");
    },
    { inputs: [docs], outputs: [report], apiName: "read" },
  );
  const make = listener((text: string) => give(text) as FileValue, { inputs: [report], outputs: [single], apiName: "make" });
  return (
    <Blocks>
      {docs}
      {report}
      {single}
      <Button onClick={read}>Read</Button>
      <Button onClick={make}>Make</Button>
    </Blocks>
  );
}

describe("file components at the edge: inputs resolved before the handler, outputs stored after it", () => {
  test("a forged file value (/etc/passwd) and a file of a refused type are answered with validation; the handler never runs", async () => {
    const ran: string[] = [];
    const { url } = await serve(fileApp(() => null, ran));
    const client = await connect(url);
    const forged = { path: "/etc/passwd", url: "files/0123456789abcdef0123456789abcdef", name: "passwd", size: 10, mimeType: "text/plain" };
    const error = (await client.predict("read", [[forged]]).catch((e: unknown) => e)) as JobError;
    expect(error).toBeInstanceOf(JobError);
    expect([error.code, error.message]).toEqual(["validation", expect.stringMatching(/^read: input 1 \("Docs", a FileBox\) \(file 1\) expects a file this server issued/)]);
    const png = (await client.predict("read", [[handleFile(new File(["x"], "a.png"))]]).catch((e: unknown) => e)) as JobError;
    expect([png.code, png.message]).toEqual(["validation", expect.stringContaining("expects a file of type .txt")]);
    expect(ran).toEqual([]);
  });

  test("two uploaded files reach the handler as the issued values", async () => {
    const { url } = await serve(fileApp(() => null));
    const client = await connect(url);
    const files = [handleFile(new File(["one"], "a.txt")), handleFile(new File(["two"], "b.txt"))];
    expect(await client.predict("read", [files])).toEqual(["a.txt=one,b.txt=two"]);
  });

  test("bytes, a data: URI and a temp-dir path returned for a file output arrive as file values whose URL serves them", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "blockwork-out-")), "report.txt");
    writeFileSync(path, "from a path");
    const give = (text: string): unknown => (text === "bytes" ? new TextEncoder().encode("%PDF-1.4 bytes") : text === "uri" ? "data:text/plain,from%20a%20URI" : path);
    const { url } = await serve(fileApp(give));
    const client = await connect(url);
    for (const [text, name, body] of [["bytes", "file.pdf", "%PDF-1.4 bytes"], ["uri", "file.txt", "from a URI"], ["path", "report.txt", "from a path"]] as const) {
      const [file] = (await client.predict("make", [text])) as [FileValue];
      expect(file).toMatchObject({ name, url: expect.stringMatching(/^files\/[0-9a-f]{32}$/) });
      expect(await (await fetch(new URL(file.url, url))).text()).toBe(body);
    }
  });

  test("a path outside the allowed folders fails the job with a handler error naming the output", async () => {
    const { url } = await serve(fileApp(() => "/etc/passwd"), { showError: true });
    const client = await connect(url);
    const error = (await client.predict("make", ["x"]).catch((e: unknown) => e)) as JobError;
    expect([error.code, error.message]).toEqual(["handler", expect.stringContaining('output "Result", a FileBox: the path "/etc/passwd" is outside the folders')]);
  });

  test("the HTTP doors run the same file step: REST refuses a forged value with 422 and accepts an uploaded one", async () => {
    const ran: string[] = [];
    const { url } = await serve(fileApp(() => null, ran));
    const call = async (data: unknown[]) => {
      const res = await fetch(new URL("gradio_api/call/read", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data }) });
      return { status: res.status, body: (await res.json()) as { event_id?: string; error?: string; code?: string } };
    };
    const forged = { path: "/etc/passwd", url: "files/0123456789abcdef0123456789abcdef", name: "passwd.txt", size: 10, mimeType: "text/plain" };
    expect(await call([[forged]])).toEqual({ status: 422, body: { code: "validation", error: expect.stringContaining("expects a file this server issued") } });
    const form = new FormData();
    form.append("files", new Blob(["via rest"]), "r.txt");
    const issued = (await (await fetch(new URL("upload", url), { method: "POST", body: form })).json()) as FileValue[];
    expect(await call([issued])).toEqual({ status: 200, body: { event_id: expect.any(String) } });
  });
});
