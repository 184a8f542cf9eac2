import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { acceptsOffers, ISSUE_STATUSES } from "./matching.js";

describe("when an issue takes offers", () => {
  it("takes them while 募集中, up to and including the deadline day", () => {
    assert.equal(acceptsOffers({ status: "open", deadline: "2025-06-30" }, "2025-06-30"), true);
    assert.equal(acceptsOffers({ status: "open", deadline: "2025-06-30" }, "2025-07-01"), false);
    assert.equal(acceptsOffers({ status: "open", deadline: null }, "2099-01-01"), true);
  });

  it("never takes them once the issue is no longer 募集中", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ISSUE_STATUSES.filter((s) => s !== "open")),
        fc.date({ noInvalidDate: true }),
        (status, d) => {
          assert.equal(acceptsOffers({ status, deadline: null }, d.toISOString().slice(0, 10)), false);
        },
      ),
    );
  });
});
