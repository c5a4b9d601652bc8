import type { EventLog } from "./event-log.ts";
import { JobError, type JobEvent } from "./job-events.ts";

/** What a `Job` needs from its client. */
export interface JobControl {
  /** Resolves with the job's id once the server accepted it, or with null if it refused it. */
  readonly joined: Promise<string | null>;
  cancel(): Promise<void>;
}

/**
 * A submitted job: an async iterable of its events (each `for await` sees all of them from the start), its
 * result, and `cancel()`.
 */
export class Job implements AsyncIterable<JobEvent> {
  readonly apiName: string;
  /** Resolves once the server answered the join: `id` is then set, or stays null if the join was refused. */
  readonly joined: Promise<void>;
  readonly #log: EventLog<JobEvent>;
  readonly #control: JobControl;
  #id: string | null = null;

  constructor(apiName: string, log: EventLog<JobEvent>, control: JobControl) {
    this.apiName = apiName;
    this.#log = log;
    this.#control = control;
    this.joined = control.joined.then((id) => {
      this.#id = id;
    });
  }

  /** The server's job id; null until joined, or if the join was refused. */
  get id(): string | null {
    return this.#id;
  }

  [Symbol.asyncIterator](): AsyncIterator<JobEvent> {
    return this.#log[Symbol.asyncIterator]();
  }

  /** The outputs, one per wire output; rejects with a `JobError` carrying the error code. */
  async result(): Promise<unknown[]> {
    for await (const event of this.#log) {
      if (event.type === "complete") return [...event.data];
      if (event.type === "error") throw new JobError(event);
    }
    throw new JobError({ code: "internal", message: "the job ended without a result" });
  }

  /**
   * Leaves the queue if the job is waiting (it never runs); a running one ends at once for this client, and on
   * the server its handler's `ctx.signal` aborts and a streaming handler is closed. Either way the job ends with
   * an `error` event of code `cancelled`. Does nothing once the job has ended.
   */
  cancel(): Promise<void> {
    return this.#control.cancel();
  }
}
