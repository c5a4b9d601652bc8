import { isOutputUpdate, QueuePosition, type GroupMessage, type JobMessage, type PositionSnapshot } from "@blockwork/core";

/** One job as a Gradio client follows it: where it waits, and whether it has sent a first full partial. */
export class GradioJobView {
  readonly eventId: string;
  position: QueuePosition | null = null;
  readonly #outputs: (data: readonly unknown[]) => readonly unknown[];
  #shown: PositionSnapshot | null = null;
  #generating = false;

  /** `outputs` turns the job's output values into Gradio's (its file values into FileData, see `toGradioFiles`). */
  constructor(eventId: string, outputs: (data: readonly unknown[]) => readonly unknown[] = (data) => data) {
    this.eventId = eventId;
    this.#outputs = outputs;
  }

  /** The Gradio messages for one of the job's Blockwork messages (in sse_v3's terms). */
  translate(message: JobMessage): GradioMessage[] {
    const event_id = this.eventId;
    switch (message.type) {
      case "queued": {
        // Told again where it stands (a session that arrived on another process): news only if it moved.
        this.position = new QueuePosition(message);
        const estimation = this.#estimation();
        return estimation ? [estimation] : [];
      }
      case "started":
        this.position = null;
        return [{ msg: "process_starts", event_id, eta: message.etaMs === null ? null : message.etaMs / 1000 }];
      case "progress":
        return [
          {
            msg: "progress",
            event_id,
            progress_data: [{ index: message.done ?? null, length: message.total ?? null, unit: "steps", progress: message.fraction, desc: message.desc ?? null }],
          },
        ];
      case "partial": {
        // sse_v3 clients apply later generating messages as diffs on the first one's values.
        const data = this.#outputs(message.data).map(gradioValue);
        const output = { data: this.#generating ? data.map((value) => [["replace", [], value]]) : data, is_generating: true };
        this.#generating = true;
        return [{ msg: "process_generating", event_id, output, success: true }];
      }
      case "alert":
        return [{ msg: "log", event_id, log: message.message, level: message.level, title: null, duration: null, visible: true }];
      case "complete":
        return [
          {
            msg: "process_completed",
            event_id,
            output: { data: this.#outputs(message.data).map(gradioValue), is_generating: false, render_config: null, changed_state_ids: [] },
            success: true,
            title: null,
          },
        ];
      case "error":
        return [{ msg: "process_completed", event_id, output: { error: message.error.message, title: "Error", visible: true, duration: null }, success: false, title: "Error" }];
    }
  }

  /** A group update: a fresh `estimation` if this job waits in that group and its place changed. */
  moved(update: GroupMessage): GradioMessage | null {
    if (!this.position?.apply(update)) return null;
    return this.#estimation();
  }

  #estimation(): GradioMessage | null {
    const now = this.position!.snapshot();
    if (this.#shown && this.#shown.rank === now.rank && this.#shown.size === now.size) return null;
    this.#shown = now;
    return { msg: "estimation", event_id: this.eventId, rank: now.rank, queue_size: now.size, rank_eta: now.etaMs === null ? null : now.etaMs / 1000 };
  }
}

/** A message on Gradio's `queue/data` stream: JSON with a `msg`. */
export type GradioMessage = { readonly msg: string; readonly event_id: string | null } & Readonly<Record<string, unknown>>;

/** An `update()` output in Gradio's shape (`__type__: "update"`); other values as they are. */
function gradioValue(value: unknown): unknown {
  return isOutputUpdate(value) ? { __type__: "update", ...value.__update__ } : value;
}
