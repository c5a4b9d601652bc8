import { ObservableValue } from "../state/observable-value.ts";

/** Whether the tab talks to the server: `connecting` before the first hello, `lost` while reconnecting. */
export type ConnectionStatus = "connecting" | "connected" | "lost";

/** The connection status, observable by the banner. */
export class ConnectionState extends ObservableValue<ConnectionStatus> {
  constructor() {
    super("connecting");
  }
}
