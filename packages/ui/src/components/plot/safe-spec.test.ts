// @vitest-environment jsdom
import { expect, test } from "vitest";
import { safeSpec } from "./safe-spec.ts";

test("a Plot's option keeps its data and drops what would run: tooltip HTML sanitised, unsafe links and the data view dropped", () => {
  const spec = safeSpec({
    title: { text: "<b>kept as text</b>", link: "javascript:alert(1)", sublink: "https://example.com/about" },
    tooltip: { formatter: '<img src=x onerror="alert(1)">{b}: {c}' },
    toolbox: { feature: { dataView: { show: true }, saveAsImage: {} } },
    series: [{ type: "pie", data: [{ name: "<svg onload=alert(1)>", value: 1 }], tooltip: { formatter: "<a href='javascript:alert(1)'>x</a>" } }],
  });
  expect(spec).toEqual({
    title: { text: "<b>kept as text</b>", sublink: "https://example.com/about" },
    tooltip: { formatter: '<img src="x">{b}: {c}' },
    toolbox: { feature: { saveAsImage: {} } },
    series: [{ type: "pie", data: [{ name: "<svg onload=alert(1)>", value: 1 }], tooltip: { formatter: "<a>x</a>" } }],
  });
});
