import { lazy, Suspense, type ComponentType } from "react";
import type { RendererProps } from "./block.tsx";

/**
 * A renderer loaded on first use (its own chunk), for components with heavy parts (uploads, webcam, galleries):
 * an app without them never downloads them.
 */
export function lazyRenderer(load: () => Promise<{ default: ComponentType<RendererProps> }>): ComponentType<RendererProps> {
  const Lazy = lazy(load);
  return function LazyRenderer(props: RendererProps) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
