import { ConfigError } from "../errors/blockwork-error.ts";
import { isListener, type AnyListener, type EventName, type ListenerBinding } from "./listener.ts";
import { isComponent, type AnyComponent } from "./node.ts";

/**
 * Attaches a listener to an event of a component that already exists, as Gradio's `name.submit(...)` does:
 * for a component that is its listener's own input (`on(name, "submit", greet)` where `greet` reads `name`),
 * or for one listener on several triggers. Returns the listener, so it can be attached again.
 */
export function on<L extends AnyListener>(component: AnyComponent, event: EventName, target: L): L {
  if (!isComponent(component)) throw new ConfigError(`on(): the first argument must be a component`);
  if (!isListener(target)) throw new ConfigError(`on(): the third argument must be a listener() value`);
  // Elements are descriptions until compile() reads them; adding a trigger before that is part of building one.
  (component.listeners as ListenerBinding[]).push({ event, listener: target, fromElement: false });
  return target;
}
