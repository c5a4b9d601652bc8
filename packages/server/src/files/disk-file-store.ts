import type { FileValue } from "@blockwork/core";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../queue/clock.ts";
import { isFileId, newFileId } from "./file-id.ts";
import { diskName, displayName } from "./file-names.ts";
import { FileTooLargeError, type FileStore, type NewFile, type PutOptions, type StoredFile } from "./file-store.ts";
import { formatBytes } from "./format-bytes.ts";
import { storedMimeType } from "./mime-types.ts";

export interface DiskFileStoreOptions {
  /**
   * The cache folder, created if missing. Without one, a new folder under the OS temp dir, removed whole at close.
   * A private store removes only its own entries (`<id>/`, `<id>.json`) from a folder it was given.
   */
  readonly dir?: string;
  /**
   * Other processes use the same folder (an app's processes on one Redis, on one volume): files are then found on
   * disk whoever wrote them, nothing is removed at close, and only age and the size cap remove files. A private
   * folder is claimed with a `.owner` file and a shared one marked with `.shared`, so that neither kind is used
   * as the other by mistake (a private store would remove files the others issued).
   */
  readonly shared: boolean;
  /** The most bytes the cache holds, in-progress writes included: past it, the oldest files are removed. */
  readonly maxCacheBytes: number;
  /** `createdAt` and ages come from it. Shared stores compare times across processes: keep the system clock there. */
  readonly clock: Clock;
}

/** What the index keeps of a file: enough to serve `get` and to evict by age. */
interface Entry {
  readonly value: FileValue;
  readonly createdAt: number;
}

/** `<id>.json`, beside `<id>/<disk name>`. */
interface Meta {
  readonly name: string;
  readonly diskName: string;
  readonly size: number;
  readonly mimeType: string;
  readonly createdAt: number;
}

const META = /^([0-9a-f]{32})\.json$/;
/** What a private store clears from its folder at start and close: entries, metadata, half-written metadata. */
const MANAGED = /^(\.?[0-9a-f]{32}(\.json(\.tmp)?)?)$/;
const OWNER = ".owner";
/** Bytes a write may hold in memory while the disk catches up. */
const WRITE_BUFFER = 256 * 1024;
/** Leading bytes kept to tell an untyped file's type: the longest signature `sniffMimeType` knows is 12. */
const HEAD_BYTES = 16;
/** How stale a shared store's count of the other processes' files may be when it decides whether to evict. */
const RESCAN_MS = 1_000;
/** Left by shared stores: a private store refuses the folder, since it would remove files other processes issued. */
const SHARED = ".shared";

/** Folders that a private store of this process has claimed: a second one on the same folder is a mistake. */
const claimedHere = new Set<string>();

/**
 * The file store on a local folder. Each file is `<id>/<safe name>` (so a handler sees `…/cat.png`) with its
 * metadata in `<id>.json` beside it, written last and renamed into place: a file without it was never issued.
 * Eviction is oldest first, by creation: a full cache makes room rather than refusing uploads (see ARCHITECTURE.md).
 */
export class DiskFileStore implements FileStore {
  readonly root: string;
  readonly #shared: boolean;
  readonly #cap: number;
  readonly #clock: Clock;
  readonly #ownsDir: boolean;
  /** Known files, oldest first: all of them for a private store, those seen so far for a shared one. */
  #index = new Map<string, Entry>();
  /** Bytes of the indexed files. */
  #stored = 0;
  /** Bytes written so far by writes in progress, by id. */
  readonly #writing = new Map<string, number>();
  readonly #started: Promise<void>;
  #closed = false;
  /** When a shared store last read the folder's metadata. */
  #rescannedAt = Number.NEGATIVE_INFINITY;

  constructor(options: DiskFileStoreOptions) {
    this.#shared = options.shared;
    this.#cap = options.maxCacheBytes;
    this.#clock = options.clock;
    this.#ownsDir = options.dir === undefined;
    if (options.dir === undefined) {
      this.root = mkdtempSync(join(realpathSync(tmpdir()), "blockwork-cache-"));
    } else {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      this.root = realpathSync(options.dir);
    }
    this.#claim();
    // Leftovers of a crashed private owner can't be in use; a shared folder's files are someone's.
    this.#started = this.#shared ? this.#rescan() : this.#clear();
    this.#started.catch(() => undefined);
  }

  async put(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: NewFile, options: PutOptions = {}): Promise<StoredFile> {
    await this.#started;
    if (this.#closed) throw new Error("the file store is closed");
    const id = newFileId();
    const name = displayName(file.name);
    const onDisk = diskName(name);
    const dir = join(this.root, id);
    const path = join(dir, onDisk);
    this.#writing.set(id, 0);
    let size = 0;
    // The first bytes, for the type of a file sent with neither a known extension nor a type (see `storedMimeType`).
    let head = new Uint8Array();
    try {
      await mkdir(dir, { mode: 0o700 });
      // `wx`: O_CREAT | O_EXCL, so nothing planted at this path (a symlink included) is ever followed. A stream, so
      // that the disk writes one chunk while the next arrives; its buffer bounds what is held in memory.
      const out = createWriteStream(path, { flags: "wx", mode: 0o600, highWaterMark: WRITE_BUFFER });
      // Settles when the stream has closed: with its error (a full disk), or null.
      const closed = once(out, "close").then(() => null, (error: unknown) => error);
      try {
        await once(out, "open");
        for await (const chunk of source) {
          options.signal?.throwIfAborted();
          if (this.#closed) throw new Error("the file store closed during the write");
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          size += chunk.byteLength;
          this.#writing.set(id, size);
          if (options.maxBytes !== undefined && size > options.maxBytes) {
            throw new FileTooLargeError(`${JSON.stringify(name)} is larger than the limit of ${formatBytes(options.maxBytes)} per file`);
          }
          await this.#makeRoom(name);
          if (!out.write(chunk)) await once(out, "drain");
        }
        options.signal?.throwIfAborted();
        out.end();
        const failure = await closed;
        if (failure !== null) throw failure;
      } catch (error) {
        // A write still in flight then fails with "destroyed": the error that stopped the write is the one to give.
        out.destroy();
        await closed;
        throw error;
      }
      const meta: Meta = { name, diskName: onDisk, size, mimeType: storedMimeType(name, file.mimeType, head), createdAt: this.#clock.now() };
      const temporary = join(this.root, `.${id}.json.tmp`);
      await writeFile(temporary, JSON.stringify(meta), { mode: 0o600, flag: "wx" });
      await rename(temporary, join(this.root, `${id}.json`));
      const entry = this.#entry(id, meta);
      this.#index.set(id, entry);
      this.#stored += size;
      return { id, value: entry.value, createdAt: entry.createdAt };
    } catch (error) {
      await Promise.all([rm(dir, { recursive: true, force: true }), rm(join(this.root, `.${id}.json.tmp`), { force: true })]);
      throw error;
    } finally {
      this.#writing.delete(id);
    }
  }

  async get(id: string): Promise<StoredFile | null> {
    if (!isFileId(id)) return null;
    await this.#started;
    let entry = this.#index.get(id);
    if (entry === undefined) {
      // A private store issued everything it knows; in a shared folder another process may have issued it.
      if (!this.#shared) return null;
      const meta = await this.#readMeta(id);
      if (meta === null) return null;
      entry = this.#entry(id, meta);
    }
    if (!(await this.#intact(id, entry.value))) {
      if (this.#index.delete(id)) this.#stored -= entry.value.size;
      return null;
    }
    if (this.#shared && !this.#index.has(id)) this.#add(id, entry);
    return { id, value: entry.value, createdAt: entry.createdAt };
  }

  async remove(id: string): Promise<void> {
    if (!isFileId(id)) return;
    await this.#started;
    if (this.#index.has(id)) return this.#remove(id);
    // A shared folder's file that this store has not seen yet is removed all the same.
    if (this.#shared && (await this.#readMeta(id)) !== null && !this.#writing.has(id)) await this.#unlink(id);
  }

  async removeOlderThan(createdBefore: number): Promise<number> {
    await this.#started;
    if (this.#shared) await this.#rescan();
    const old = [...this.#index].filter(([, entry]) => entry.createdAt < createdBefore).map(([id]) => id);
    await Promise.all(old.map((id) => this.#remove(id)));
    if (this.#shared) await this.#removeOrphans(this.#clock.now() - createdBefore);
    return old.length;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#started.catch(() => undefined);
    if (this.#shared) return;
    claimedHere.delete(this.root);
    if (this.#ownsDir) await rm(this.root, { recursive: true, force: true });
    else await this.#clear(true);
  }

  /** Whether the file at `value.path` is still the one issued: a regular file of its size, no link in its place. */
  async #intact(id: string, value: FileValue): Promise<boolean> {
    try {
      const [dir, file] = await Promise.all([lstat(join(this.root, id)), lstat(value.path)]);
      // A hard link (nlink > 1) would let a planted entry serve some other file's bytes.
      if (!dir.isDirectory() || !file.isFile() || file.nlink !== 1 || file.size !== value.size) return false;
      return (await realpath(value.path)) === value.path;
    } catch {
      return false;
    }
  }

  /**
   * Makes room for the bytes being written by removing the oldest files, so that the folder never holds more than
   * the cap; refuses the write once the writes in progress alone pass it (files it evicted meanwhile stay evicted).
   */
  async #makeRoom(name: string): Promise<void> {
    const writing = () => [...this.#writing.values()].reduce((sum, bytes) => sum + bytes, 0);
    if (writing() > this.#cap) {
      throw new FileTooLargeError(`${JSON.stringify(name)} does not fit in the file cache: it holds at most ${formatBytes(this.#cap)} (maxCacheBytes), uploads in progress included`);
    }
    // Other processes add and remove files in a shared folder: their files count too, seen at most a second late.
    if (this.#shared && this.#clock.now() - this.#rescannedAt >= RESCAN_MS) await this.#rescan();
    if (this.#stored + writing() <= this.#cap) return;
    while (this.#stored + writing() > this.#cap) {
      const oldest = this.#index.keys().next();
      if (oldest.done) return;
      await this.#remove(oldest.value);
    }
  }

  /** Unlists the file at once (its bytes no longer count), then removes its metadata (it is no longer issued) and bytes. */
  async #remove(id: string): Promise<void> {
    const entry = this.#index.get(id);
    if (entry === undefined || this.#writing.has(id)) return;
    this.#index.delete(id);
    this.#stored -= entry.value.size;
    await this.#unlink(id);
  }

  /** Metadata first (from then on the file is not issued), then the bytes. */
  async #unlink(id: string): Promise<void> {
    await rm(join(this.root, `${id}.json`), { force: true });
    await rm(join(this.root, id), { recursive: true, force: true });
  }

  #entry(id: string, meta: Meta): Entry {
    const value: FileValue = { path: join(this.root, id, meta.diskName), url: `files/${id}`, name: meta.name, size: meta.size, mimeType: meta.mimeType };
    return { value, createdAt: meta.createdAt };
  }

  #add(id: string, entry: Entry): void {
    this.#index.set(id, entry);
    this.#stored += entry.value.size;
  }

  async #readMeta(id: string): Promise<Meta | null> {
    try {
      const meta = JSON.parse(await readFile(join(this.root, `${id}.json`), "utf8")) as Partial<Meta>;
      const valid =
        typeof meta.name === "string" &&
        typeof meta.diskName === "string" &&
        meta.diskName === diskName(meta.name) &&
        Number.isSafeInteger(meta.size) &&
        meta.size! >= 0 &&
        typeof meta.mimeType === "string" &&
        typeof meta.createdAt === "number";
      return valid ? (meta as Meta) : null;
    } catch {
      return null;
    }
  }

  /** Reads every file's metadata again (a shared folder), oldest first. */
  async #rescan(): Promise<void> {
    this.#rescannedAt = this.#clock.now();
    const names = await readdir(this.root);
    const found = await Promise.all(
      names.map(async (name) => {
        const id = META.exec(name)?.[1];
        const meta = id === undefined ? null : await this.#readMeta(id);
        return meta === null ? null : ([id!, this.#entry(id!, meta)] as const);
      }),
    );
    const entries = found.filter((e) => e !== null).sort((a, b) => a[1].createdAt - b[1].createdAt);
    this.#index = new Map(entries);
    this.#stored = entries.reduce((sum, [, entry]) => sum + entry.value.size, 0);
  }

  /**
   * Folders with no metadata in a shared folder: another process's write in progress, or one that crashed. Only
   * those untouched for `ageMs` (real time: their files' modification time) are removed.
   */
  async #removeOrphans(ageMs: number): Promise<void> {
    const names = new Set(await readdir(this.root));
    await Promise.all(
      [...names]
        .filter((name) => isFileId(name) && !names.has(`${name}.json`) && !this.#writing.has(name))
        .map(async (id) => {
          const dir = join(this.root, id);
          const files = await readdir(dir).catch(() => []);
          const times = await Promise.all(files.map((f) => stat(join(dir, f)).then((s) => s.mtimeMs, () => 0)));
          if (Date.now() - Math.max((await stat(dir).catch(() => null))?.mtimeMs ?? 0, ...times) > ageMs) {
            await rm(dir, { recursive: true, force: true });
          }
        }),
    );
  }

  /** A private store's own entries, removed at start (a crashed owner's) and at close (with the claim). */
  async #clear(releaseClaim = false): Promise<void> {
    const names = await readdir(this.root);
    await Promise.all(names.filter((name) => MANAGED.test(name)).map((name) => rm(join(this.root, name), { recursive: true, force: true })));
    this.#index.clear();
    this.#stored = 0;
    if (releaseClaim) await unlink(join(this.root, OWNER)).catch(() => undefined);
  }

  /**
   * A private folder is claimed by writing this process's pid in `.owner`; a claim by a live process (this one
   * included) refuses the folder, and a shared store refuses a folder that a live private store holds.
   */
  #claim(): void {
    const ownerFile = join(this.root, OWNER);
    let owner: number | null = null;
    try {
      owner = Number.parseInt(readFileSync(ownerFile, "utf8"), 10);
    } catch {
      owner = null;
    }
    const live = owner !== null && Number.isSafeInteger(owner) && (owner === process.pid ? claimedHere.has(this.root) : isAlive(owner));
    if (live) {
      throw new Error(
        `cacheDir ${this.root} is the private file cache of process ${owner}: give each app its own, or set sharedCache: true on every process that uses it`,
      );
    }
    if (this.#shared) {
      writeFileSync(join(this.root, SHARED), "", { mode: 0o600 });
      return;
    }
    if (existsSync(join(this.root, SHARED))) {
      throw new Error(`cacheDir ${this.root} is a shared file cache (it has a .shared file): set sharedCache: true, or remove that file to make it private`);
    }
    writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
    claimedHere.add(this.root);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
