/**
 * An error whose message is meant for the app's user: thrown from a handler, its message is shown as is.
 * Any other error is reported as a generic message with an error id, so that internals don't leak.
 */
export class BlockworkError extends Error {
  override readonly name = "BlockworkError";
}

/** A mistake in how an app is put together, found while building or compiling it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
