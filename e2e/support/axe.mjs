// Runs axe-core on the page and fails with a readable list of whatever it finds.
import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";

export async function assertNoAxeViolations(page, where) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  assert.deepEqual(found, [], `axe found violations on ${where}`);
}
