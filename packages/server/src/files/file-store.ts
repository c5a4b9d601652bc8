import type { FileValue } from "@blockwork/core";

/** What the writer of a new file says about it. */
export interface NewFile {
  /** What the sender called it; the value keeps it (see `displayName`), the disk a safe form of it. */
  readonly name: string;
  /** The type the sender declared; a known extension of `name` wins over it. */
  readonly mimeType?: string;
}

export interface PutOptions {
  /**
   * Refuse the file (`FileTooLargeError`, nothing left behind) once it passes this many bytes.
   * @default only the store's own cap
   */
  readonly maxBytes?: number;
  /** Aborting it stops the write and removes what was written. */
  readonly signal?: AbortSignal;
}

/** A file the store issued: its value, its id (`files/<id>` in its URL) and when it was stored. */
export interface StoredFile {
  readonly id: string;
  readonly value: FileValue;
  /** On the store's clock, in ms. */
  readonly createdAt: number;
}

/**
 * Where uploaded files and handlers' file outputs are kept: the one seam between the HTTP routes, the edge checks,
 * the output mapping and the storage. A file is issued under an unguessable id; whatever process of an app runs a
 * job must be able to `get` a file that another process `put`, so a backend is either shared (one volume mounted
 * by every process, as `DiskFileStore` with `shared`) or private to a single-process app. Handlers read files from
 * `value.path`, so a backend that keeps bytes elsewhere (an object store) would keep a local copy there.
 * Run `describeFileStore` (file-store.contract.ts) against every backend.
 */
export interface FileStore {
  /** The local folder whose files the store issues (its realpath): a handler may return a path inside it. */
  readonly root: string;
  /**
   * Streams `source` into a new file and issues it. Rejects with `FileTooLargeError` past `maxBytes` or when the
   * cache can't make room; on any failure (a throwing source, an abort, a full disk) nothing is left behind.
   */
  put(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: NewFile, options?: PutOptions): Promise<StoredFile>;
  /**
   * The file issued under `id`, checked on disk (still there, a regular file of its recorded size, no link
   * planted in its place); null for anything else, including a malformed id.
   */
  get(id: string): Promise<StoredFile | null>;
  /** Removes the file issued under `id` (if any): it is no longer issued, and its bytes are gone. */
  remove(id: string): Promise<void>;
  /** Removes every file stored before `createdBefore` (the store's clock) and not being written; how many. */
  removeOlderThan(createdBefore: number): Promise<number>;
  /** Stops writes in progress; a private store removes its files, a shared one leaves them to the others. */
  close(): Promise<void>;
}

/** A file past a size limit, or a cache that can't make room for it: the `too_large` error of an upload. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  readonly code = "too_large";
}
