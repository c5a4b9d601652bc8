import { expect, test } from "vitest";
import { contentDisposition } from "./content-disposition.ts";

test.each([
  ["cat.png", `inline; filename="cat.png"; filename*=UTF-8''cat.png`],
  ['a"b\\c;d%e.txt', `inline; filename="a_b_c_d_e.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%25e.txt`],
  ["évian (1)*'.txt", `inline; filename="_vian (1)*'.txt"; filename*=UTF-8''%C3%A9vian%20%281%29%2A%27.txt`],
  ["a\r\nSet-Cookie: x=1", `inline; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1`],
])("the name %j stays one well-formed header value", (name, expected) => {
  const header = contentDisposition("inline", name);
  expect(header).toBe(expected);
  expect(header).toMatch(/^[\x20-\x7e]+$/);
});
