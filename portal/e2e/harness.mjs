// What both end-to-end scripts need: their environment, steps that report themselves, Debian's Chromium with the flags
// this machine needs and a fresh profile, axe-core over the page, and the page's whole text (shadow roots included).
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** An environment variable, or the fallback; neither is an error that names the variable. */
export function env(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

let onFailure = async () => {};

/** What to do when a step fails (a screenshot of the page), before the failure ends the script. */
export function whenAStepFails(action) {
  onFailure = action;
}

/** Runs one step: prints "ok <name> (<ms> ms)", or "FAILED <name>" and then fails. */
export async function step(name, action) {
  const began = Date.now();
  try {
    await action();
  } catch (error) {
    console.log(`FAILED ${name}`);
    await onFailure();
    throw error;
  }
  console.log(`ok ${name} (${Date.now() - began} ms)`);
}

/**
 * Chromium (CHROMIUM, default /usr/bin/chromium) headless in a fresh profile, with the flags it needs here; the
 * screenshots' directory is made. close() closes it and removes the profile.
 */
export async function launch(profilePrefix, screenshots) {
  const userDataDir = mkdtempSync(join(tmpdir(), profilePrefix));
  mkdirSync(screenshots, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env("CHROMIUM", "/usr/bin/chromium"),
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The context's page, with the page's own errors and failed loads printed, and a screenshot of it (failure.png in the
 * screenshots' directory) when a step fails.
 */
export async function watchedPage(context, screenshots) {
  const page = context.pages()[0] ?? await context.newPage();
  page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && console.log(`console error: ${message.text()}`));
  whenAStepFails(() => page.screenshot({ path: join(screenshots, "failure.png") }).catch(() => {}));
  return page;
}

/** axe-core over the page, shadow DOM included; serious and critical violations fail. */
export async function axe(page, where) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.evaluate(AXE);
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
  check(found.length === 0, `axe in ${where}:\n  ${found.join("\n  ")}`);
}

/** Every text, attribute and input value in the page and its shadow roots, and its URL. */
export function pageText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        parts.push(el.outerHTML);
        if (el instanceof HTMLInputElement) parts.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return parts.join("\n") + location.href;
  });
}
