import { createComponent } from "../dsl/create-component.ts";
import type { Component } from "../dsl/node.ts";

/**
 * A value kept on the server per session, never sent to the browser: a conversation history, a model handle.
 * Each session starts from a clone of `initial` (functions and class instances are shared, not cloned).
 */
export function State<T>(initial: T): Component<T> {
  return createComponent({ type: "state", children: "none", serverValue: { initial } }, {});
}
