import { describeComponent, fileSlotOf, type AppConfig, type ComponentConfig, type DependencyConfig, type EventData, type FileSlot } from "@blockwork/core";
import type { FileStore } from "../files/file-store.ts";
import { resolveFileValue } from "../files/resolve-file-value.ts";

/** What the join resolver needs to check file inputs: the app's file store and its `maxFileBytes`. */
export interface JoinFiles {
  readonly store: FileStore;
  readonly maxBytes: number;
}

/** A file-valued input of a listener: its place in the inputs, its component and what files it takes. */
export interface FileInput {
  readonly index: number;
  readonly component: ComponentConfig;
  readonly slot: FileSlot;
}

export type ResolvedFiles = { readonly ok: true; readonly data: readonly unknown[] } | { readonly ok: false; readonly message: string };

/**
 * The edge's file step, after the synchronous checks: every file value of a join's inputs must be one the store
 * issued (see `resolveFileValue`), and is swapped for the issued value, so that the handler never sees a path a
 * client wrote. Built once per config; `null` for a listener with no file input (nothing to await).
 */
export function createJoinFileResolver(config: AppConfig, files: JoinFiles): (dependency: DependencyConfig, data: readonly unknown[]) => Promise<ResolvedFiles> | null {
  const byDependency = new Map<number, readonly FileInput[]>();
  for (const [id, inputs] of fileInputsOf(config)) {
    // A URL input's value is a URL, checked synchronously: nothing in the store to resolve.
    const stored = inputs.filter((input) => !input.slot.urlInput);
    if (stored.length > 0) byDependency.set(id, stored);
  }
  return (dependency, data) => {
    const inputs = byDependency.get(dependency.id);
    return inputs ? resolveAll(files, dependency, inputs, data) : null;
  };
}

/** Each listener's file-valued inputs (URL inputs included), by dependency id; listeners without any are absent. */
export function fileInputsOf(config: AppConfig): ReadonlyMap<number, readonly FileInput[]> {
  const components = new Map(config.components.map((c) => [c.id, c]));
  const byDependency = new Map<number, readonly FileInput[]>();
  for (const dependency of config.dependencies) {
    const inputs = dependency.inputs.flatMap((id, index): FileInput[] => {
      const component = components.get(id);
      const slot = component && fileSlotOf(component);
      return component && slot ? [{ index, component, slot }] : [];
    });
    if (inputs.length > 0) byDependency.set(dependency.id, inputs);
  }
  return byDependency;
}

/**
 * A refused file input in the words of every door: `shout: input 1 ("Docs", a FileBox) (file 2) <problem>.`
 * (`file` counts from 0, and is named only for a list of files; a gallery's are images).
 */
export function fileInputProblem(dependency: DependencyConfig, input: FileInput, file: number, problem: string): string {
  const which = input.slot.captioned ? `(image ${file + 1}) ` : input.slot.multiple ? `(file ${file + 1}) ` : "";
  return `${dependency.apiName}: input ${input.index + 1} (${describeComponent(input.component)}) ${which}${problem}.`;
}

async function resolveAll(files: JoinFiles, dependency: DependencyConfig, inputs: readonly FileInput[], data: readonly unknown[]): Promise<ResolvedFiles> {
  const resolved = [...data];
  for (const input of inputs) {
    const { index, slot } = input;
    const value = data[index];
    if (value === null) continue;
    const checks = { maxBytes: files.maxBytes, ...(slot.fileTypes && slot.fileTypes.length > 0 ? { fileTypes: slot.fileTypes } : {}) };
    // The synchronous checks made sure of the shape: one file value, an array of them, or of gallery items.
    const claimed = slot.multiple ? (value as readonly unknown[]) : [value];
    const issued: unknown[] = [];
    for (const [i, entry] of claimed.entries()) {
      const item = slot.captioned ? (entry as { readonly image: unknown; readonly caption?: string | null }) : null;
      // A gallery's http(s) URL image is not a file of the server's: it passes as is.
      if (item && typeof item.image === "string") {
        issued.push({ image: item.image, caption: item.caption ?? null });
        continue;
      }
      const answer = await resolveFileValue(files.store, item ? item.image : entry, checks);
      if (!answer.ok) return { ok: false, message: fileInputProblem(dependency, input, i, answer.problem) };
      issued.push(item ? { image: answer.file, caption: item.caption ?? null } : answer.file);
    }
    resolved[index] = slot.multiple ? issued : issued[0];
  }
  return { ok: true, data: resolved };
}

export type ResolvedEventData = { readonly ok: true; readonly eventData: EventData } | { readonly ok: false; readonly message: string };

/**
 * A Gallery select's image, like a file input, must be a file the store issued, swapped for the issued value: a
 * handler may read `ctx.eventData.value.image.path`. `null` when the event data holds no file (nothing to await).
 */
export function resolveEventDataFile(files: JoinFiles, dependency: DependencyConfig, eventData: EventData | undefined): Promise<ResolvedEventData> | null {
  if (eventData?.kind !== "image" || typeof eventData.value.image === "string") return null;
  const { value } = eventData;
  return resolveFileValue(files.store, value.image).then((answer) =>
    answer.ok ? { ok: true, eventData: { ...eventData, value: { ...value, image: answer.file } } } : { ok: false, message: `${dependency.apiName}: the selected image ${answer.problem}.` },
  );
}
