import busboy from "busboy";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { ErrorCode, FileValue } from "@blockwork/core";
import { FileTooLargeError, type FileStore, type StoredFile } from "../files/file-store.ts";
import { formatBytes } from "../files/format-bytes.ts";
import type { Logger } from "../logger.ts";
import { sendJson } from "./static-files.ts";

export interface UploadOptions {
  readonly store: FileStore;
  readonly maxFileBytes: number;
  readonly logger: Logger;
  /**
   * The success answer's body, from the stored files' values in order: Gradio's upload answers only their paths.
   * @default the file values
   */
  readonly answer?: (files: readonly FileValue[]) => unknown;
}

/** Files one upload may carry: a form that sends more is refused rather than filling the cache from one request. */
const MAX_FILES = 100;
/** How long a refused upload's remaining bytes are read and dropped so that its client sees the answer; then the connection closes. */
const DRAIN_MS = 1_000;

interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * `POST <base>upload`: multipart/form-data, every file in the field `files`, each streamed to the store as it
 * arrives (never held whole in memory: the parser pauses the request while the disk catches up). Answers a JSON
 * array of file values, one per file in order. A file past `maxFileBytes` is refused with 413 `too_large` naming the
 * limit: reading stops, what was written of this request is removed, and the connection closes after the answer.
 */
export function handleUpload(req: IncomingMessage, res: ServerResponse, options: UploadOptions): Promise<void> {
  const { store, maxFileBytes, logger } = options;
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        // Bigger chunks than the 16 KiB default: fewer turns per megabyte, still little memory per upload.
        highWaterMark: 256 * 1024,
        fileHwm: 256 * 1024,
        // One byte over the limit, so that the store sees the file pass it and refuses it.
        limits: { fileSize: maxFileBytes + 1, files: MAX_FILES, fields: 100, parts: MAX_FILES + 100, fieldSize: 64 * 1024 },
      });
    } catch {
      answerAndClose(req, res, { status: 415, code: "validation", message: 'POST upload takes multipart/form-data, with the files in the field "files".' });
      resolve();
      return;
    }
    const controller = new AbortController();
    const puts: Promise<StoredFile>[] = [];
    /** File streams still being read: a refusal ends them, so that their writes stop and clean up. */
    const reading = new Set<Readable>();
    let refused: Refusal | null = null;
    let finished = false;

    const refuse = (refusal: Refusal): void => {
      if (refused !== null || finished) return;
      refused = refusal;
      controller.abort();
      req.unpipe(parser);
      for (const stream of reading) stream.destroy();
      void Promise.allSettled(puts).then(async (results) => {
        // Files of this request that were complete are removed too: their values never reach anyone.
        await Promise.all(results.flatMap((r) => (r.status === "fulfilled" ? [store.remove(r.value.id)] : [])));
        answerAndClose(req, res, refusal);
        resolve();
      });
    };

    parser.on("file", (field, stream, info) => {
      // Its errors reach the store's write through the stream, or come after a refusal: never unhandled.
      stream.on("error", () => undefined);
      if (refused !== null) return void stream.resume();
      reading.add(stream);
      stream.once("close", () => reading.delete(stream));
      if (field !== "files") {
        stream.resume();
        return refuse({ status: 400, code: "validation", message: `Upload files in the field "files"; got a file in the field ${JSON.stringify(field.slice(0, 40))}.` });
      }
      const put = store.put(stream, { name: info.filename ?? "file", mimeType: info.mimeType }, { maxBytes: maxFileBytes, signal: controller.signal });
      puts.push(put);
      put.catch((error: unknown) => {
        if (error instanceof FileTooLargeError) {
          refuse({ status: 413, code: "too_large", message: `${error.message}: the server accepts files of at most ${formatBytes(maxFileBytes)} (maxFileBytes).` });
        } else if (!controller.signal.aborted) {
          logger.error("upload: could not store a file", error);
          refuse({ status: 500, code: "internal", message: "The server could not store the file." });
        }
      });
    });
    parser.on("filesLimit", () => refuse({ status: 413, code: "too_large", message: `An upload carries at most ${MAX_FILES} files.` }));
    parser.on("partsLimit", () => refuse({ status: 413, code: "too_large", message: `An upload carries at most ${MAX_FILES} files.` }));
    parser.on("error", (error: unknown) => {
      refuse({ status: 400, code: "validation", message: `The upload is not well-formed multipart/form-data (${error instanceof Error ? error.message : String(error)}).` });
    });
    parser.on("close", () => {
      if (refused !== null) return;
      void Promise.allSettled(puts).then((results) => {
        if (refused !== null) return;
        const failed = results.find((r) => r.status === "rejected");
        if (failed !== undefined) return; // `refuse` answers it.
        if (results.length === 0) {
          refuse({ status: 400, code: "validation", message: 'The upload has no file: send them in the field "files".' });
          return;
        }
        finished = true;
        const values = results.map((r) => (r as PromiseFulfilledResult<StoredFile>).value.value);
        sendJson(res, 200, options.answer ? options.answer(values) : values);
        resolve();
      });
    });
    // A client that goes away mid-upload: the writes stop and their partial files are removed.
    req.on("close", () => {
      if (!req.complete && !finished) refuse({ status: 400, code: "validation", message: "The upload was cut short." });
    });
    req.pipe(parser);
  });
}

/**
 * Sends the refusal, then closes the connection: the request's remaining bytes are read and dropped for a moment
 * (a client still sending would otherwise get a reset instead of the answer), never stored.
 */
function answerAndClose(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent || res.destroyed) return;
  res.shouldKeepAlive = false;
  sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  timer.unref();
  req.socket.once("close", () => clearTimeout(timer));
}
