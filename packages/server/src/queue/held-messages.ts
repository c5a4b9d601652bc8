import type { JobMessage } from "@blockwork/core";

/** Alerts kept per detached job; a handler that alerts in a loop should not grow the buffer without bound. */
const MAX_HELD_ALERTS = 20;

/**
 * What a running job says while its connection is gone, kept small for the reconnect: every alert (up to a
 * cap), only the latest progress and partial result (each is a full snapshot), and how the job ended.
 */
export class HeldMessages {
  #messages: JobMessage[] = [];
  #alerts = 0;

  add(message: JobMessage): void {
    if (message.type === "progress" || message.type === "partial") {
      this.#messages = this.#messages.filter((m) => m.type !== message.type);
    } else if (message.type === "alert" && ++this.#alerts > MAX_HELD_ALERTS) {
      return;
    }
    this.#messages.push(message);
  }

  take(): JobMessage[] {
    const messages = this.#messages;
    this.#messages = [];
    return messages;
  }
}
