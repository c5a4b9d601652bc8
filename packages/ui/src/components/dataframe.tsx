import { lazyRenderer } from "./lazy-renderer.tsx";

/** A table; the grid loads with the first one a page shows. */
export const Dataframe = lazyRenderer(() => import("./dataframe/dataframe-grid.tsx").then((m) => m.DataframeGrid));
