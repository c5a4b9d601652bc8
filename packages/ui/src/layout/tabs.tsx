import type { LayoutRendererProps } from "./layout-renderer-props.ts";
import type { LayoutNode } from "@blockwork/core";
import { useState, type CSSProperties, type KeyboardEvent } from "react";
import { useApp } from "../app/app-context.ts";
import { useView } from "../app/use-stores.ts";
import { num, str } from "../components/read-props.ts";
import { LayoutNode as Node } from "./layout-node.tsx";

/** One Tab shown at a time; the others stay mounted but hidden, so their values and status live on. */
export function Tabs({ id, nodes, style }: LayoutRendererProps) {
  const { store } = useApp();
  const { props } = useView(id);
  const [selected, setSelected] = useState(() => num(props, "selected") ?? 0);
  if (props.visible === false) return null;
  const tabs = nodes.filter((n) => store.view(n.id).type === "tab" && store.view(n.id).props.visible !== false);
  const current = Math.min(selected, Math.max(0, tabs.length - 1));
  const tabId = (i: number) => `bw-${id}-tab-${i}`;
  const panelId = (i: number) => `bw-${id}-panel-${i}`;
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0 || tabs.length === 0) return;
    e.preventDefault();
    const next = (current + step + tabs.length) % tabs.length;
    setSelected(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <div className="bw-tabs" id={str(props, "elemId")} data-testid={`component-${id}`} style={style}>
      <div className="bw-tablist" role="tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            id={tabId(i)}
            type="button"
            role="tab"
            aria-selected={i === current}
            aria-controls={panelId(i)}
            tabIndex={i === current ? 0 : -1}
            className="bw-tab-button"
            onClick={() => setSelected(i)}
          >
            {str(store.view(tab.id).props, "label") ?? `Tab ${i + 1}`}
          </button>
        ))}
      </div>
      {tabs.map((tab, i) => (
        <div key={tab.id} id={panelId(i)} role="tabpanel" aria-labelledby={tabId(i)} hidden={i !== current} className="bw-tabpanel">
          <Node node={tab} parentType="tabs" />
        </div>
      ))}
    </div>
  );
}
