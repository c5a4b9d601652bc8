import {
  isOutputUpdate,
  QueuePosition,
  type AppConfig,
  type DependencyConfig,
  type ErrorPayload,
  type EventData,
  type EventName,
  type JobMessage,
  type JoinReply,
  type JoinRequest,
  type ServerMessage,
} from "@blockwork/core";
import { IDLE, type OutputStatus, type PendingStatus } from "../status/output-status.ts";
import { generatingStatus, pendingStatus, progressStatus, queuedStatus, startedStatus } from "../status/next-status.ts";
import type { ToastInput } from "../toasts/toast-store.ts";
import { DROPPED_MESSAGE, errorToast, marksOutputs } from "./error-toast.ts";
import { KeyedStore } from "./keyed-store.ts";
import { oversizeInputs } from "./oversize-inputs.ts";
import type { ValueStore } from "./value-store.ts";

/** How the runner reaches the server; the socket session implements it, tests fake it. */
export interface JobTransport {
  /** Whether a join sent now reaches the server. */
  isConnected(): boolean;
  /** Sends a join; `onReply` runs with the acknowledgement, before any later message for that job is handled. */
  join(request: JoinRequest, onReply: (reply: JoinReply) => void): void;
  cancel(jobId: string): void;
}

export interface DependencyRunnerOptions {
  readonly config: AppConfig;
  readonly store: ValueStore;
  readonly transport: JobTransport;
  readonly notify: (toast: ToastInput) => void;
  /** Milliseconds on a monotonic clock. @default performance.now */
  readonly now?: () => number;
}

interface Job {
  /** Its listener in the app's current version (rebound when the app reloads). */
  dependency: DependencyConfig;
  /** `null` until the join is acknowledged. */
  jobId: string | null;
  status: PendingStatus;
  position: QueuePosition | null;
  started: boolean;
  /** A `cancels` listener fired before the join was acknowledged: cancel as soon as the id is known. */
  cancelRequested: boolean;
}

/** How a job ended, for its follow-ups: `then` runs after any end but a lost connection, `success` after `complete`. */
type Outcome = "complete" | "error" | "dropped";

/** Messages that arrive for a job id not yet acknowledged are held this long (in count) at most. */
const MAX_HELD_MESSAGES = 200;

/**
 * Runs the app's dependencies: fires them on their triggers with each one's trigger mode (`once` ignores triggers
 * while a job is pending, `multiple` runs them all, `always_last` runs once more with the current values after
 * the pending job), sends their inputs, cancels what a `cancels` listener names, runs `then`/`success`
 * follow-ups, and turns the server's messages into output values and per-output status.
 */
export class DependencyRunner {
  /** By output component id: what its status tracker shows. */
  readonly statuses = new KeyedStore<number, OutputStatus>(IDLE);
  /** By trigger component id: whether a dependency it fires is pending (a Button shows itself busy). */
  readonly busy = new KeyedStore<number, boolean>(false);

  #config: AppConfig;
  #store: ValueStore;
  readonly #transport: JobTransport;
  readonly #notify: (toast: ToastInput) => void;
  readonly #now: () => number;
  readonly #byTrigger = new Map<string, DependencyConfig[]>();
  /** Pending jobs by dependency id: at most one each, except for trigger mode `multiple`. */
  readonly #jobs = new Map<number, Set<Job>>();
  /** `always_last` dependencies triggered while pending: each runs once more when its job ends. */
  readonly #again = new Set<number>();
  readonly #byId = new Map<number, DependencyConfig>();
  readonly #byJobId = new Map<string, Job>();
  /** Which job last set an output's status, so that an older job's end doesn't clear a newer one's. */
  readonly #statusOwner = new Map<number, Job>();
  #held: JobMessage[] = [];
  #loaded = false;
  /** Triggers fired before the page's first connection: they run once it is up, instead of being refused. */
  readonly #beforeConnect = new Map<number, EventData | undefined>();

  constructor(options: DependencyRunnerOptions) {
    this.#config = options.config;
    this.#store = options.store;
    this.#transport = options.transport;
    this.#notify = options.notify;
    this.#now = options.now ?? (() => performance.now());
    this.#index(options.config);
  }

  /**
   * The app was reloaded (`blockwork dev`): from now on the runner fires the new version's listeners into `store`.
   * Pending jobs of listeners that still exist (by API name) carry on and fill the new outputs; the others are
   * let go here (the server ends them).
   */
  reconfigure(config: AppConfig, store: ValueStore): void {
    this.#config = config;
    this.#store = store;
    this.#index(config);
    const byApiName = new Map(config.dependencies.map((d) => [d.apiName, d]));
    const pending = this.#pendingJobs();
    this.#jobs.clear();
    this.#again.clear();
    this.#beforeConnect.clear();
    this.#statusOwner.clear();
    this.statuses.clear();
    this.busy.clear();
    for (const job of pending) {
      const next = byApiName.get(job.dependency.apiName);
      if (!next) {
        if (job.jobId !== null) this.#byJobId.delete(job.jobId);
        continue;
      }
      job.dependency = next;
      let jobs = this.#jobs.get(next.id);
      if (!jobs) this.#jobs.set(next.id, (jobs = new Set()));
      jobs.add(job);
      this.#setStatus(job, job.status);
      this.#refreshBusy(next);
    }
  }

  #index(config: AppConfig): void {
    this.#byId.clear();
    this.#byTrigger.clear();
    for (const dependency of config.dependencies) {
      this.#byId.set(dependency.id, dependency);
      for (const t of dependency.triggers) {
        const key = triggerKey(t.componentId, t.event);
        this.#byTrigger.set(key, [...(this.#byTrigger.get(key) ?? []), dependency]);
      }
    }
  }

  /** Fires the dependencies on `event` of a component, except `exclude` (a dependency never re-fires itself). */
  trigger(componentId: number, event: EventName, options: { readonly exclude?: number; readonly eventData?: EventData } = {}): void {
    for (const dependency of this.#byTrigger.get(triggerKey(componentId, event)) ?? []) {
      if (dependency.id !== options.exclude) this.#dispatch(dependency, options.eventData);
    }
  }

  /** The user changed a value: `input` fires, and `change` when the value differs. */
  edit(componentId: number, value: unknown): void {
    const changed = this.#store.setValue(componentId, value);
    this.trigger(componentId, "input");
    if (changed) this.trigger(componentId, "change");
  }

  /** The page changed a value (an example, a clear): `change` fires when it differs. */
  setValue(componentId: number, value: unknown): void {
    if (this.#store.setValue(componentId, value)) this.trigger(componentId, "change");
  }

  /** Back to the config's value (ClearButton), also dropping an error shown on it. */
  reset(componentId: number): void {
    this.clearError(componentId);
    if (this.#store.reset(componentId)) this.trigger(componentId, "change");
  }

  clearError(componentId: number): void {
    if (this.statuses.get(componentId).stage === "error") this.statuses.set(componentId, IDLE);
  }

  /** The page is connected for the first time: `load` listeners run, once per page. */
  load(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    this.trigger(this.#config.layout.id, "load");
    const early = [...this.#beforeConnect];
    this.#beforeConnect.clear();
    for (const [id, eventData] of early) this.#dispatch(this.#byId.get(id)!, eventData);
  }

  /** Handles one frame of server messages, in order. */
  receive(messages: readonly ServerMessage[]): void {
    for (const message of messages) {
      if (message.type === "group") {
        for (const job of this.#pendingJobs()) {
          if (job.position?.apply(message)) this.#setStatus(job, queuedStatus(job.status, job.position.snapshot(), this.#now()));
        }
        continue;
      }
      if (message.type === "tick") {
        this.trigger(message.componentId, "tick");
        continue;
      }
      const job = this.#byJobId.get(message.jobId);
      if (job) this.#handle(job, message);
      else if (this.#pendingJobs().some((j) => j.jobId === null) && this.#held.length < MAX_HELD_MESSAGES) {
        this.#held.push(message);
      }
    }
  }

  /**
   * The connection came back. A resumed session keeps its jobs: running ones report here, waiting ones kept their
   * place (for the server's grace period) and are told where they stand. A session the server could not resume
   * has nothing left, and a join still unanswered when the connection dropped is lost: those are reported dropped.
   */
  reconnected(resumed: boolean): void {
    const dropped = this.#pendingJobs().filter((job) => !resumed || job.jobId === null);
    for (const job of dropped) this.#finish(job, IDLE, "dropped");
    if (dropped.length > 0) this.#notify({ level: "error", message: DROPPED_MESSAGE });
  }

  /** Applies the dependency's trigger mode, then fires it. */
  #dispatch(dependency: DependencyConfig, eventData?: EventData): void {
    if (this.#isPending(dependency.id)) {
      if (dependency.triggerMode === "once") return;
      if (dependency.triggerMode === "always_last") {
        this.#again.add(dependency.id);
        return;
      }
    }
    this.#fire(dependency, eventData);
  }

  #fire(dependency: DependencyConfig, eventData?: EventData): void {
    for (const target of dependency.cancels) this.#cancelPending(target);
    if (!dependency.hasHandler) {
      // Nothing runs on the server: the listener is done at once, and its follow-ups run.
      this.#followUps(dependency, "complete");
      return;
    }
    if (!this.#transport.isConnected()) {
      if (!this.#loaded) this.#beforeConnect.set(dependency.id, eventData);
      else this.#notify({ level: "warning", message: "Not connected to the server. Try again once the connection is back." });
      return;
    }
    const job: Job = { dependency, jobId: null, status: pendingStatus(this.#now()), position: null, started: false, cancelRequested: false };
    let jobs = this.#jobs.get(dependency.id);
    if (!jobs) this.#jobs.set(dependency.id, (jobs = new Set()));
    jobs.add(job);
    this.#setStatus(job, job.status);
    this.#refreshBusy(dependency);
    const data = dependency.inputs.map((id) => this.#store.value(id));
    const request: JoinRequest = eventData === undefined ? { apiName: dependency.apiName, data } : { apiName: dependency.apiName, data, eventData };
    const oversize = oversizeInputs(request, this.#config.limits?.maxPayloadBytes);
    if (oversize !== undefined) {
      this.#fail(job, { code: "too_large", message: oversize });
      return;
    }
    this.#transport.join(request, (reply) => this.#onReply(job, reply));
  }

  /** Cancels this tab's pending jobs of a dependency; each ends when the server confirms with `cancelled`. */
  #cancelPending(dependencyId: number): void {
    this.#again.delete(dependencyId);
    for (const job of this.#jobs.get(dependencyId) ?? []) {
      if (job.jobId === null) job.cancelRequested = true;
      else this.#transport.cancel(job.jobId);
    }
  }

  #onReply(job: Job, reply: JoinReply): void {
    this.#register(job, reply);
    // The connection's messages that were ready when the join was answered ride on it (this job's and others').
    if (reply.ok && reply.frame) this.receive(reply.frame);
  }

  #register(job: Job, reply: JoinReply): void {
    if (!this.#jobs.get(job.dependency.id)?.has(job)) {
      // Dropped while the join was in flight: the server's job has nobody waiting for it.
      if (reply.ok) this.#transport.cancel(reply.jobId);
      return;
    }
    if (!reply.ok) {
      this.#fail(job, reply.error);
      return;
    }
    job.jobId = reply.jobId;
    this.#byJobId.set(reply.jobId, job);
    if (job.cancelRequested) this.#transport.cancel(reply.jobId);
    const mine = this.#held.filter((m) => m.jobId === reply.jobId);
    this.#held = this.#held.filter((m) => m.jobId !== reply.jobId);
    for (const message of mine) if (this.#jobs.get(job.dependency.id)?.has(job)) this.#handle(job, message);
    if (!this.#pendingJobs().some((j) => j.jobId === null)) this.#held = [];
  }

  #handle(job: Job, message: JobMessage): void {
    const now = this.#now();
    switch (message.type) {
      case "queued":
        job.position = new QueuePosition(message);
        this.#setStatus(job, queuedStatus(job.status, job.position.snapshot(), now));
        break;
      case "started":
        job.position = null;
        job.started = true;
        this.#setStatus(job, startedStatus(job.status, message.etaMs, now));
        break;
      case "progress":
        job.started = true;
        this.#setStatus(job, progressStatus(job.status, message));
        break;
      case "partial":
        job.started = true;
        this.#setStatus(job, generatingStatus(job.status));
        this.#applyOutputs(job.dependency, message.data);
        break;
      case "alert":
        this.#notify({ level: message.level, message: message.message });
        break;
      case "complete":
        this.#applyOutputs(job.dependency, message.data);
        this.#finish(job, IDLE, "complete");
        break;
      case "error":
        this.#fail(job, message.error);
        break;
    }
  }

  #fail(job: Job, error: ErrorPayload): void {
    const lost = error.code === "disconnected" || error.code === "server_stopping";
    this.#finish(job, marksOutputs(error) ? { stage: "error", message: error.message } : IDLE, lost ? "dropped" : "error");
    if (error.code !== "cancelled") this.#notify(errorToast(error));
  }

  #finish(job: Job, outputStatus: OutputStatus, outcome: Outcome): void {
    const jobs = this.#jobs.get(job.dependency.id);
    if (!jobs?.delete(job)) return;
    if (jobs.size === 0) this.#jobs.delete(job.dependency.id);
    if (job.jobId !== null) this.#byJobId.delete(job.jobId);
    for (const id of statusTargets(job.dependency)) {
      if (this.#statusOwner.get(id) !== job) continue;
      this.#statusOwner.delete(id);
      this.statuses.set(id, outputStatus);
    }
    this.#refreshBusy(job.dependency);
    this.#followUps(job.dependency, outcome);
    if (this.#again.delete(job.dependency.id) && outcome !== "dropped") this.#dispatch(job.dependency);
  }

  /** Runs `then` after any end, `success` after a completion, each with the values current now, as Gradio does. */
  #followUps(dependency: DependencyConfig, outcome: Outcome): void {
    if (outcome === "dropped") return;
    const next = outcome === "complete" ? [...dependency.success, ...dependency.then] : dependency.then;
    for (const id of next) {
      const followUp = this.#byId.get(id);
      if (followUp) this.#dispatch(followUp);
    }
  }

  #setStatus(job: Job, status: PendingStatus): void {
    job.status = status;
    if (job.dependency.showProgress === "hidden") return;
    const shown = job.dependency.showProgress === "minimal" ? { ...status, minimal: true } : status;
    for (const id of statusTargets(job.dependency)) {
      this.#statusOwner.set(id, job);
      this.statuses.set(id, shown);
    }
  }

  #refreshBusy(dependency: DependencyConfig): void {
    for (const { componentId } of dependency.triggers) {
      const busy = this.#pendingJobs().some((job) => job.dependency.triggers.some((t) => t.componentId === componentId));
      this.busy.set(componentId, busy);
    }
  }

  #isPending(dependencyId: number): boolean {
    return (this.#jobs.get(dependencyId)?.size ?? 0) > 0;
  }

  #pendingJobs(): Job[] {
    return [...this.#jobs.values()].flatMap((jobs) => [...jobs]);
  }

  /** `data[i]` goes to `outputs[i]`; outputs whose value changed fire `change`, except into their own dependency. */
  #applyOutputs(dependency: DependencyConfig, data: readonly unknown[]): void {
    const changed: number[] = [];
    dependency.outputs.forEach((id, i) => {
      if (i >= data.length) return;
      const value = data[i];
      if (isOutputUpdate(value) ? this.#store.update(id, value.__update__) : this.#store.setValue(id, value)) changed.push(id);
    });
    for (const id of changed) this.trigger(id, "change", { exclude: dependency.id });
  }
}

const triggerKey = (componentId: number, event: EventName): string => `${componentId}:${event}`;

/** The components that show a dependency's status: `showProgressOn`, or its outputs. */
const statusTargets = (dependency: DependencyConfig): readonly number[] => dependency.showProgressOn ?? dependency.outputs;
