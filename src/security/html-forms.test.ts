import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formBody, formsOf } from "./html-forms.js";

describe("reading forms out of a rendered page", () => {
  const html =
    '<form method="post" action="/a"><input type="hidden" name="version" value="3"/>' +
    '<input type="text" name="title" value="&lt;b&gt; &amp; &quot;x&quot;"/>' +
    '<textarea name="body">一行目\n&lt;script&gt;</textarea>' +
    '<select name="kind"><option value="a">A</option><option value="b" selected="">B</option></select>' +
    '<input type="checkbox" name="f" value="1" checked=""/><input type="checkbox" name="f" value="2"/>' +
    '<button type="submit">保存</button></form><form method="get" action="/search"><input name="q"/></form>';

  it("finds every field with the value a browser would send", () => {
    const [post, get] = formsOf(html);
    assert.equal(post?.action, "/a");
    assert.equal(post?.method, "post");
    assert.deepEqual(
      post?.fields.map((f) => [f.name, f.kind, f.value]),
      [
        ["version", "hidden", "3"],
        ["title", "text", '<b> & "x"'],
        ["body", "textarea", "一行目\n<script>"],
        ["kind", "choice", "b"],
        ["f", "choice", "1"],
      ],
    );
    assert.equal(get?.method, "get");
    assert.deepEqual(get?.fields, [{ name: "q", kind: "text", value: "" }]);
  });

  it("encodes a form's body with chosen fields replaced", () => {
    const [post] = formsOf(html);
    const body = new URLSearchParams(formBody(post!, { title: "新" }));
    assert.equal(body.get("title"), "新");
    assert.equal(body.get("version"), "3");
    assert.deepEqual(body.getAll("f"), ["1"]);
  });
});
