import { BlockworkError, describeComponent, fileSlotOf, isUpdate, splitGalleryItem, update, type AppConfig, type DependencyConfig, type FileSlot, type HandlerEntry } from "@blockwork/core";
import type { FileStore } from "./file-store.ts";
import { toFileOutput } from "./file-output.ts";

/** Where a handler's file outputs are stored, and the folders (besides the OS temp dir) its paths may come from. */
export interface OutputFiles {
  readonly store: FileStore;
  readonly allowedPaths: readonly string[];
}

interface FileOutputSlot {
  /** The output's place in the handler's result. */
  readonly index: number;
  readonly label: string;
  readonly slot: FileSlot;
}

/**
 * For a listener with file outputs, the step that turns what its handler returned for them (a path, bytes, a
 * `data:` URI, a URL or a file value; see `toFileOutput`) into what the client gets, storing files as needed. A
 * batch listener's result (one list per output) is mapped item by item. `null` for a listener without file
 * outputs. A file that can't be given fails the job with a `handler` error naming the output.
 */
export function fileOutputStep(config: AppConfig, entry: HandlerEntry, dependency: DependencyConfig, files: OutputFiles): ((result: unknown) => Promise<unknown>) | null {
  const components = new Map(config.components.map((c) => [c.id, c]));
  const slots = entry.outputs.flatMap((slot, index): FileOutputSlot[] => {
    if (!("wire" in slot)) return [];
    const component = components.get(dependency.outputs[slot.wire]!);
    const fileSlot = component && fileSlotOf(component);
    return component && fileSlot ? [{ index, label: describeComponent(component), slot: fileSlot }] : [];
  });
  if (slots.length === 0) return null;
  const single = entry.outputs.length === 1;
  const batch = dependency.batch !== null;

  const one = async (value: unknown, output: FileOutputSlot): Promise<unknown> => {
    if (value === null || value === undefined) return value;
    if (output.slot.captioned && Array.isArray(value)) return Promise.all(value.map((item, i) => storeItem(item, output, ` (image ${i + 1})`)));
    if (output.slot.multiple && Array.isArray(value)) return Promise.all(value.map((file, i) => storeOne(file, output, ` (file ${i + 1})`)));
    return storeOne(value, output, "");
  };
  // A gallery item in any of its shapes becomes `{ image, caption }` (see core's `splitGalleryItem`).
  const storeItem = async (item: unknown, output: FileOutputSlot, which: string): Promise<unknown> => {
    const { image, caption } = splitGalleryItem(item);
    return { image: await storeOne(image, output, which), caption };
  };
  const storeOne = async (value: unknown, output: FileOutputSlot, which: string): Promise<unknown> => {
    const answer = await toFileOutput(files.store, value, files.allowedPaths);
    if (answer.ok) return answer.output;
    throw new BlockworkError(`${entry.apiName} returned a file its output can't show: output ${output.label}${which}: ${answer.problem}.`);
  };
  const mapValue = async (raw: unknown, output: FileOutputSlot): Promise<unknown> => {
    if (!isUpdate(raw)) return one(raw, output);
    return "value" in raw.props ? update({ ...raw.props, value: await one(raw.props.value, output) }) : raw;
  };

  return async (result) => {
    // A wrong count is reported by the runtime's output mapping, with its own message.
    if (!(single && !batch) && !(Array.isArray(result) && result.length === entry.outputs.length)) return result;
    const values: unknown[] = single && !batch ? [result] : [...(result as readonly unknown[])];
    for (const output of slots) {
      const raw = values[output.index];
      if (!batch) values[output.index] = await mapValue(raw, output);
      else if (Array.isArray(raw)) values[output.index] = await Promise.all(raw.map((item) => mapValue(item, output)));
    }
    return single && !batch ? values[0] : values;
  };
}
