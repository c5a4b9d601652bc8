import { Blocks, Button, compile, listener, Textbox } from "@blockwork/core";
import { expect, test } from "vitest";
import { listenerTable } from "./listener-table.ts";

test("one row per listener with a handler: its queue and limit, shared queues marked, unqueued ones said so", () => {
  const text = Textbox({ label: "Text" });
  const stop = listener(null, {});
  const app = (
    <Blocks queue={{ defaultConcurrencyLimit: 3 }}>
      {text}
      <Button onClick={function upscale(s: string) { return s; }} inputs={[text]} outputs={[text]} concurrencyId="gpu" concurrencyLimit={2} />
      <Button onClick={function caption(s: string) { return s; }} inputs={[text]} outputs={[text]} concurrencyId="gpu" />
      <Button onClick={function count(s: string) { return s; }} inputs={[text]} outputs={[text]} concurrencyLimit={null} />
      <Button onClick={function echo(s: string) { return s; }} inputs={[text]} outputs={[text]} />
      <Button onClick={function instant(s: string) { return s; }} inputs={[text]} outputs={[text]} queue={false} />
      <Button onClick={stop} />
    </Blocks>
  );
  expect(listenerTable(compile(app).config)).toBe(
    [
      "  listener  queue      at once",
      "  upscale   gpu        2 (shared)",
      "  caption   gpu        2 (shared)",
      "  count     api:count  unlimited",
      "  echo      api:echo   3",
      "  instant   —          no queue (runs at once)",
    ].join("\n"),
  );
});
