import type { MaybePromise } from "../queue/store/queue-store.ts";
import type { Session } from "./session.ts";

/** Where sessions live: in this process (`SessionStore`) or shared by a cluster (`SharedSessionStore`). */
export interface Sessions {
  /** Sessions kept here, connected or within their TTL. */
  readonly size: number;
  /**
   * Attaches a connection to the session `id` if it is known (anywhere, when shared), or to a new session: named
   * `createAs` if given (an HTTP door names its caller's session by what the caller sends on every request, so
   * that any process finds it), else under a new unguessable id.
   */
  connect(id: string | undefined, createAs?: string): MaybePromise<{ session: Session; resumed: boolean }>;
  /** Detaches one connection; the session expires its TTL after its last one (everywhere, when shared). */
  disconnect(session: Session): void;
  close(): void;
}
