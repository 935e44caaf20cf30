// One line per screen: `await expectAccessible(page, "Settings")` scans what is shown with axe-core.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Findings allowed on purpose, by rule id, each with its reason; the suite fails on any other, of
 * any impact (minor included). Empty today: every finding was fixed.
 */
export const ACCEPTED_FINDINGS: Record<string, string> = {};

/** Runs axe (WCAG 2.1 A/AA + best practices) on the page as shown now; hidden tab panels are skipped by axe. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const failing = results.violations.filter((v) => !(v.id in ACCEPTED_FINDINGS));
  const report = failing.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join("")}`)
        .join("\n")}`,
  );
  expect(report, `axe on the ${screen} screen`).toEqual([]);
}

/**
 * Presses Tab (no mouse) until `selector` has the focus; fails after `max` presses. Inside Monaco
 * Tab indents, so first Ctrl+M, Monaco's documented "Tab moves focus" toggle, as a person would.
 */
export async function tabTo(page: Page, selector: string, { text, max = 80 }: { text?: string; max?: number } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    const here = await page.evaluate(
      ([s, t]) => {
        const el = document.activeElement;
        return !!el?.matches(s!) && (t === undefined || el.textContent?.trim() === t);
      },
      [selector, text] as const,
    );
    if (here) return;
    const inEditor = await page.evaluate(() => document.activeElement?.closest(".monaco-editor") != null);
    if (inEditor && !(await page.evaluate(() => document.querySelector(".monaco-editor")?.classList.contains("tab-focus-mode") ?? false)))
      await page.keyboard.press("Control+M");
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}
