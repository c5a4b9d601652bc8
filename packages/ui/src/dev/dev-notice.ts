import { ObservableValue } from "../state/observable-value.ts";

/** Under `blockwork dev`: the error of the latest edit that failed to load, `null` while the app compiles. */
export class DevNotice extends ObservableValue<string | null> {
  constructor() {
    super(null);
  }
}
