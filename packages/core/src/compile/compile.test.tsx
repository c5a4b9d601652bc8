import { describe, expect, test } from "vitest";
import { Blocks, Button, Chatbot, compile, ConfigError, Image, listener, NumberBox, on, Row, State, Textbox, Timer } from "../index.ts";

const noop = () => undefined;

describe("compile: the config", () => {
  test("gives components stable ids in layout order and a layout tree", () => {
    const build = () => {
      const a = Textbox({ label: "A" });
      const b = Textbox({ label: "B" });
      return compile(
        <Blocks title="T">
          <Row>
            {a}
            {b}
          </Row>
          <Button onClick={(x: string) => x} inputs={[a]} outputs={[b]}>
            Go
          </Button>
        </Blocks>,
      ).config;
    };
    const config = build();
    expect(config.layout).toEqual({ id: 0, children: [{ id: 1, children: [{ id: 2 }, { id: 3 }] }, { id: 4 }] });
    expect(config.components.map((c) => c.type)).toEqual(["blocks", "row", "textbox", "textbox", "button"]);
    expect(config.components[4]!.props.value).toBe("Go");
    expect(build()).toEqual(config);
  });

  test("is JSON data: it round-trips through JSON.stringify unchanged and carries no functions", () => {
    const a = Textbox({ label: "A", value: "x" });
    const { config } = compile(
      <Blocks>
        {a}
        <Button onClick={(x: string) => x} inputs={[a]} outputs={[a]} concurrencyLimit={3}>
          Go
        </Button>
      </Blocks>,
    );
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  test("describes dependencies with triggers, inputs, outputs, apiName, group and limit", () => {
    const prompt = Textbox({ label: "Prompt" });
    const image = Image({ label: "Result" });
    const { config, handlers } = compile(
      <Blocks>
        {prompt}
        {image}
        <Button onClick={function imageGen(p: string) { return p; }} inputs={[prompt]} outputs={[image]} concurrencyLimit={5}>
          Generate
        </Button>
      </Blocks>,
    );
    expect(config.dependencies).toEqual([
      {
        id: 0,
        apiName: "imageGen",
        triggers: [{ componentId: 3, event: "click" }],
        inputs: [1],
        outputs: [2],
        apiVisibility: "public",
        description: null,
        queue: true,
        groupId: "api:imageGen",
        concurrencyLimit: 5,
        hasHandler: true,
        triggerMode: "once",
        showProgress: "full",
        showProgressOn: null,
        cancels: [],
        then: [],
        success: [],
        timeoutMs: null,
        batch: null,
      },
    ]);
    expect(config.groups).toEqual([{ id: "api:imageGen", limit: 5, dependencies: [0] }]);
    expect(handlers.get(0)!.fn("a", { session: { id: "s" } })).toBe("a");
  });

  test("marks output-only components read-only and inputs editable", () => {
    const a = Textbox({ label: "A" });
    const b = Textbox({ label: "B" });
    const c = Textbox({ label: "C", interactive: true });
    const { config } = compile(
      <Blocks>
        {a}
        {b}
        {c}
        <Button onClick={(x: string) => [x, x] as [string, string]} inputs={[a]} outputs={[b, c]}>
          Go
        </Button>
      </Blocks>,
    );
    const props = (id: number) => config.components.find((x) => x.id === id)!.props;
    expect([props(1).interactive, props(2).interactive, props(3).interactive]).toEqual([true, false, true]);
  });

  test("keeps State off the config and maps handler slots to wire or session", () => {
    const text = Textbox({ label: "T" });
    const history = State<string[]>([]);
    const { config, handlers, stateInitials } = compile(
      <Blocks>
        {text}
        <Button onClick={(t: string, h: string[]) => [[...h, t], t] as [string[], string]} inputs={[text, history]} outputs={[history, text]}>
          Go
        </Button>
      </Blocks>,
    );
    expect(config.components.some((c) => (c.type as string) === "state")).toBe(false);
    expect(config.dependencies[0]!.inputs).toEqual([1]);
    expect(config.dependencies[0]!.outputs).toEqual([1]);
    const stateId = [...stateInitials.keys()][0]!;
    expect(stateInitials.get(stateId)).toEqual([]);
    expect(handlers.get(0)!.inputs).toEqual([{ wire: 0 }, { state: stateId }]);
    expect(handlers.get(0)!.outputs).toEqual([{ state: stateId }, { wire: 0 }]);
  });

  test("one listener value on two triggers is one dependency with one queue", () => {
    const name = Textbox({ label: "Name" });
    const out = Textbox({ label: "Out" });
    const greet = on(name, "submit", listener((n: string) => n, { inputs: [name], outputs: [out], apiName: "greet" }));
    const { config } = compile(
      <Blocks>
        {name}
        {out}
        <Button onClick={greet}>Greet</Button>
      </Blocks>,
    );
    expect(config.dependencies).toHaveLength(1);
    expect(config.dependencies[0]!.triggers).toEqual([
      { componentId: 1, event: "submit" },
      { componentId: 3, event: "click" },
    ]);
    expect(config.groups).toHaveLength(1);
  });
});

describe("compile: concurrency groups", () => {
  const app = (...buttons: ReturnType<typeof Button>[]) => <Blocks queue={{ defaultConcurrencyLimit: 1 }}>{buttons}</Blocks>;

  test("a shared concurrencyId takes the limit set on any member, whatever the order", () => {
    const { config } = compile(
      app(
        <Button onClick={noop} concurrencyId="gpu_queue" apiName="one" />,
        <Button onClick={noop} concurrencyId="gpu_queue" concurrencyLimit={2} apiName="two" />,
        <Button onClick={noop} concurrencyId="gpu_queue" apiName="three" />,
      ),
    );
    expect(config.groups).toEqual([{ id: "gpu_queue", limit: 2, dependencies: [0, 1, 2] }]);
    expect(config.dependencies.map((d) => d.concurrencyLimit)).toEqual([2, 2, 2]);
  });

  test("without any limit a group takes defaultConcurrencyLimit; null means unlimited", () => {
    const three = compile(
      <Blocks queue={{ defaultConcurrencyLimit: 3 }}>
        <Button onClick={noop} />
      </Blocks>,
    );
    expect(three.config.groups[0]!.limit).toBe(3);
    const unlimited = compile(
      <Blocks>
        <Button onClick={noop} concurrencyLimit={null} />
        <Button onClick={noop} />
      </Blocks>,
    );
    expect(unlimited.config.groups.map((g) => g.limit)).toEqual([null, 1]);
  });

  test("the same function on two listeners without concurrencyId gets two queues", () => {
    const { config } = compile(
      <Blocks>
        <Button onClick={noop} />
        <Button onClick={noop} />
      </Blocks>,
    );
    expect(config.groups.map((g) => g.id)).toEqual(["api:noop", "api:noop_1"]);
  });

  test("queue: false listeners have no group", () => {
    const { config } = compile(
      <Blocks>
        <Button onClick={noop} queue={false} />
      </Blocks>,
    );
    expect(config.dependencies[0]).toMatchObject({ queue: false, groupId: null, concurrencyLimit: null });
    expect(config.groups).toEqual([]);
  });
});

describe("compile: errors name the listener and the problem", () => {
  const fails = (build: () => unknown, message: RegExp) => expect(() => compile(build())).toThrow(message);

  test("an apiVisibility that isn't public, undocumented or private; public when unset", () => {
    const out = Textbox();
    const bad = listener(() => "x", { outputs: [out], apiVisibility: "secret" as "private", apiName: "hidden" });
    fails(() => <Blocks>{out}<Button onClick={bad}>Go</Button></Blocks>, /apiVisibility must be one of public, undocumented, private/);
    const { config } = compile(<Blocks>{out}<Button onClick={() => "x"} outputs={[out]}>Go</Button></Blocks>);
    expect(config.dependencies[0]!.apiVisibility).toBe("public");
  });

  test("an input or output not in the app", () => {
    const outside = Textbox({ label: "Outside" });
    fails(
      () => (
        <Blocks>
          <Button onClick={function send() {}} inputs={[outside]}>
            Send
          </Button>
        </Blocks>
      ),
      /listener send \(click on button "Send"\): inputs\[0\] \(a textbox "Outside"\) is not in the app's layout/,
    );
    fails(
      () => (
        <Blocks>
          <Button onClick={function send() { return ""; }} outputs={[outside]} />
        </Blocks>
      ),
      /outputs\[0\].*not in the app/,
    );
  });

  test.each([0, -1, 1.5])("a bad limit (%s)", (limit) => {
    fails(
      () => (
        <Blocks>
          <Button onClick={function job() {}} concurrencyLimit={limit} />
        </Blocks>
      ),
      /listener job .*concurrencyLimit must be a positive integer or null/,
    );
  });

  test("conflicting limits on one concurrencyId", () => {
    fails(
      () => (
        <Blocks>
          <Button onClick={function a() {}} concurrencyId="gpu" concurrencyLimit={2} />
          <Button onClick={function b() {}} concurrencyId="gpu" concurrencyLimit={3} />
        </Blocks>
      ),
      /listener b .*concurrencyLimit 3 conflicts with 2 set by listener a/,
    );
  });

  test("a duplicate explicit apiName; automatic names get a suffix instead", () => {
    fails(
      () => (
        <Blocks>
          <Button onClick={function a() {}} apiName="run" />
          <Button onClick={function b() {}} apiName="run" />
        </Blocks>
      ),
      /listener b .*apiName "run" is already used/,
    );
    const { config } = compile(
      <Blocks>
        <Button onClick={function run() {}} />
        <Button onClick={function other() {}} apiName="run" />
      </Blocks>,
    );
    expect(config.dependencies.map((d) => d.apiName)).toEqual(["run_1", "run"]);
  });

  test("placing one element twice", () => {
    const a = Textbox({ label: "A" });
    fails(
      () => (
        <Blocks>
          {a}
          {a}
        </Blocks>
      ),
      /textbox "A" is placed twice/,
    );
  });

  test("a root that is not Blocks, and element options with several bare handlers", () => {
    expect(() => compile(Textbox({}))).toThrow(ConfigError);
    expect(() => Textbox({ onSubmit: noop, onChange: noop, inputs: [] })).toThrow(/exactly one handler/);
    expect(() => NumberBox({ label: "n", value: Number.NaN })).toThrow(/finite number/);
  });
});

describe("compile: the event lifecycle options", () => {
  test("resolves cancels, then, success, trigger modes, progress display, timeout and batching into the config", () => {
    const prompt = Textbox({ label: "Prompt" });
    const out = Textbox({ label: "Out" });
    const clear = listener(() => "", { outputs: [prompt], queue: false, apiName: "clear" });
    const notify = listener(() => "done", { outputs: [out], apiName: "notify" });
    const generate = listener(async function* (p: string) { yield p; }, {
      inputs: [prompt],
      outputs: [out],
      timeout: 5000,
      then: clear,
      success: [notify],
      showProgress: "minimal",
      showProgressOn: [prompt],
      apiName: "generate",
    });
    const stop = listener(null, { cancels: [generate] });
    const upper = listener((texts: string[]) => [texts.map((t) => t.toUpperCase())] as [string[]], {
      inputs: [prompt],
      outputs: [out],
      batch: true,
      batchWaitMs: 50,
      apiName: "upper",
    });
    on(prompt, "change", listener((p: string) => p, { inputs: [prompt], outputs: [out], apiName: "mirror" }));
    const { config, handlers } = compile(
      <Blocks>
        {prompt}
        {out}
        <Button onClick={generate}>Go</Button>
        <Button onClick={stop}>Stop</Button>
        <Button onClick={upper}>Upper</Button>
      </Blocks>,
    );
    const byName = (name: string) => config.dependencies.find((d) => d.apiName === name)!;
    expect(byName("generate")).toMatchObject({
      timeoutMs: 5000,
      then: [byName("clear").id],
      success: [byName("notify").id],
      showProgress: "minimal",
      showProgressOn: [1],
      triggerMode: "once",
      batch: null,
    });
    expect(byName("clear").triggers).toEqual([]);
    expect(byName("predict")).toMatchObject({ hasHandler: false, queue: false, groupId: null, cancels: [byName("generate").id] });
    expect(handlers.has(byName("predict").id)).toBe(false);
    expect(byName("upper").batch).toEqual({ maxSize: 4, waitMs: 50 });
    expect(byName("mirror").triggerMode).toBe("always_last");
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  test("names the listener in errors about options the queue can't honour", () => {
    const text = Textbox({ label: "T" });
    const app = (l: ReturnType<typeof listener>) => () => compile(<Blocks>{text}<Button onClick={l}>Go</Button></Blocks>);
    const instant = listener(function instant() {}, { queue: false });
    expect(() => compile(<Blocks><Button onClick={instant}>A</Button><Button onClick={listener(null, { cancels: instant })}>B</Button></Blocks>)).toThrow(
      /cancels a queue: false listener/,
    );
    expect(app(listener(function batched(t: string[]) { return [t] as [string[]]; }, { inputs: [text], outputs: [text], batch: true, maxBatchSize: 0 }))).toThrow(
      /listener batched \(click on button "Go"\): maxBatchSize must be a positive integer/,
    );
    expect(app(listener(function slow() {}, { timeout: -1 }))).toThrow(/listener slow .*timeout must be a positive number/);
    const streamed = async function* streamed(t: string[]) {
      yield [t];
    };
    expect(app(listener(streamed as never, { inputs: [text], batch: true }))).toThrow(/can't stream/);
    expect(app(listener(function lonely() {}, { cancels: listener(() => {}) }))).toThrow(/cancels\[0\] must be a listener\(\) value of this app/);
    const a = listener(function a() {});
    const b = listener(function b() {}, { then: a });
    (a.options as { then?: unknown }).then = b;
    expect(app(a)).toThrow(/follow-ups lead back to it/);
    expect(() => Button({ onClick: () => {}, batch: true } as never)).toThrow(/batch belongs on a listener\(\) value/);
  });

  test("onLoad and onUnload sit on Blocks; an onUnload listener only takes State", () => {
    const saved = State({ n: 0 });
    const text = Textbox({ label: "T" });
    const { config } = compile(
      <Blocks onLoad={listener(() => "hi", { outputs: [text] })} onUnload={listener((s: { n: number }) => void s, { inputs: [saved] })}>
        {text}
      </Blocks>,
    );
    expect(config.dependencies.map((d) => d.triggers)).toEqual([[{ componentId: 0, event: "load" }], [{ componentId: 0, event: "unload" }]]);
    expect(() => compile(<Blocks onUnload={listener((t: string) => void t, { inputs: [text] })}>{text}</Blocks>)).toThrow(/onUnload .* can only be State/);
  });

  test("a Timer is a component with its interval and tick listeners; a Chatbot holds messages", () => {
    const timer = Timer({ intervalMs: 250, onTick: () => {} });
    const chat = Chatbot({ label: "Chat" });
    const { config } = compile(<Blocks>{timer}{chat}</Blocks>);
    expect(config.components[1]).toMatchObject({ type: "timer", props: { intervalMs: 250, active: true } });
    expect(config.components[2]).toMatchObject({ type: "chatbot", props: { label: "Chat" } });
    expect(config.dependencies[0]!.triggers).toEqual([{ componentId: 1, event: "tick" }]);
    expect(() => Timer({ intervalMs: 0 })).toThrow(/at least 10/);
  });
});
