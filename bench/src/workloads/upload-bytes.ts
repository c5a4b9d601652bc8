import { request } from "node:http";
import { now } from "../clock.ts";

export interface UploadTiming {
  readonly status: number;
  /** Request start to the last byte of the answer, ms. */
  readonly ms: number;
  readonly body: string;
}

const BOUNDARY = "----bench-upload-boundary";
const CHUNK = 64 * 1024;

/** The multipart/form-data body of one file of `bytes` bytes in the field `files`: its head and tail around the bytes. */
export function multipartFrame(name: string): { readonly head: Buffer; readonly tail: Buffer; readonly contentType: string } {
  return {
    head: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  };
}

/**
 * POSTs one `bytes`-byte file as multipart/form-data to `url`, generated as it is sent (never held whole: the
 * sender's memory is not what is measured), respecting the socket's backpressure. The same bytes go to the bare
 * server and to Blockwork, so their times compare.
 */
export function uploadBytes(url: string, bytes: number): Promise<UploadTiming> {
  const { head, tail, contentType } = multipartFrame("bench.bin");
  const chunk = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) chunk[i] = (i * 131 + 7) & 0xff;
  const started = now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": contentType, "content-length": head.length + bytes + tail.length } }, (res) => {
      let body = "";
      res.on("data", (data: Buffer) => (body += data.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: now() - started, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    let sent = 0;
    const write = (): void => {
      if (sent === 0) req.write(head);
      while (sent < bytes) {
        const part = sent + CHUNK <= bytes ? chunk : chunk.subarray(0, bytes - sent);
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", write);
      }
      req.end(tail);
    };
    write();
  });
}
