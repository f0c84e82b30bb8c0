// Shared pieces of the browser tests: the server under test (the test
// build's binary on a fresh SQLite file), Debian's Chromium, a TOTP
// generator, and the checks every page must pass.

import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const OUT = join(ROOT, "e2e", "out");
export const BIN =
  process.env.PATHWAY_BIN ||
  join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", "pathway");
export const QUICK_EXIT = "https://www.bbc.co.uk/weather";

/** Starts `pathway serve` on a free port with `content` (the bundled
 * sample unless given); resolves to { url, db, stop }. */
export async function startServer(content = join(ROOT, "content")) {
  const dir = mkdtempSync(join(tmpdir(), "pathway-e2e-"));
  const db = `sqlite:${join(dir, "e2e.db")}`;
  const child = spawn(
    BIN,
    ["serve", "--bind", "127.0.0.1:0", "--create", "--database", db, "--content", content],
    { env: { ...process.env, PATHWAY_LOG: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((ok, fail) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = seen.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`pathway exited with ${code}: ${seen}`)));
    setTimeout(() => fail(new Error(`pathway did not start: ${seen}`)), 30000);
  });
  child.stdout.resume();
  return {
    url,
    db,
    stop() {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A copy of the sample with the right-to-left test fixture (Hebrew,
 * tests/fixtures/rtl, never shipped) added as a translation; removed by
 * the returned function. */
export function rtlContent() {
  const dir = mkdtempSync(join(tmpdir(), "pathway-rtl-"));
  cpSync(join(ROOT, "content"), dir, { recursive: true });
  cpSync(join(ROOT, "tests", "fixtures", "rtl", "he"), join(dir, "he"), { recursive: true });
  cpSync(join(ROOT, "tests", "fixtures", "rtl", "fonts"), join(dir, "fonts"), { recursive: true });
  const site = join(dir, "site.toml");
  const text = readFileSync(site, "utf8").replace(/^translations = .*$/m, "");
  writeFileSync(site, `translations = ["cy", "he"]\n${text}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `pathway staff add NAME --role ROLE`: the enrolment path it prints. */
export function addStaff(server, name, role) {
  const out = execFileSync(BIN, ["staff", "add", name, "--role", role, "--database", server.db, "--base-url", server.url], {
    encoding: "utf8",
  });
  const m = out.match(/(\/staff\/enrol\/[A-Za-z0-9_-]+)/);
  assert.ok(m, out);
  return m[1];
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
}

/** RFC 6238 (SHA-1, 6 digits, 30 s), `offset` steps from now. */
export function totp(base32, offset = 0) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offset));
  const mac = createHmac("sha1", key).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(at) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, "0");
}

/**
 * A browser context that records every request and console error of its
 * pages, so that each check can say "nothing left this origin".
 */
export async function watchedContext(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(15000);
  const seen = { foreign: [], errors: [] };
  context.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) seen.foreign.push(u);
  });
  // A failed subresource (a missing style sheet, say) is an error; the
  // page's own status (a 404 page, a 422 form) is what the test asked for.
  context.on("response", (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== "document") {
      seen.errors.push(`${r.url()}: ${r.status()}`);
    }
  });
  context.on("page", (page) => watchPage(page, seen));
  return { context, seen };
}

function watchPage(page, seen) {
  page.on("console", (m) => {
    // Chromium logs every 4xx/5xx response as "Failed to load resource";
    // those are judged by status above.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource: the server responded")) {
      seen.errors.push(`${page.url()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => seen.errors.push(`${page.url()}: ${e.message}`));
}

export function safeName(name) {
  return name.replace(/[^a-z0-9-]+/gi, "-").replace(/^-|-$/g, "") || "page";
}

/**
 * The checks every page must pass, on the page as it is now: axe-core
 * (WCAG 2.2 A and AA), nothing fetched from elsewhere, no console error,
 * no cookie (unless `staff`), no horizontal scrolling at 320 px and at
 * 200% zoom, screenshots, and the HTML kept for the Nu Html Checker.
 */
export async function checkPage(page, name, seen, { staff = false, html } = {}) {
  mkdirSync(join(OUT, "html"), { recursive: true });
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const problems = axe.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  assert.deepEqual(problems, [], `${name}: axe found WCAG problems`);
  assert.deepEqual(seen.foreign, [], `${name}: requests to other origins`);
  assert.deepEqual(seen.errors, [], `${name}: console errors`);
  const cookies = await page.context().cookies();
  if (!staff) assert.deepEqual(cookies, [], `${name}: a cookie was set`);
  const file = safeName(name);
  await page.screenshot({ path: join(OUT, `${file}-desktop.png`), fullPage: true });
  // 200% zoom of a 1280 px window is a 640 px wide layout; phones are 320.
  for (const width of [640, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `${name}: ${wide} px wide at ${width} px (horizontal scrolling)`);
  }
  await page.screenshot({ path: join(OUT, `${file}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  writeFileSync(join(OUT, "html", `${file}.html`), html ?? (await page.content()));
}

/** The visible text of `main`, for comparing with and without JavaScript. */
export async function mainText(page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ").trim();
}
