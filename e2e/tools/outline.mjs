// Prints what a screen reader's navigation lists would offer on the main
// pages (landmarks, headings, form fields with their names, links with
// unclear names), from Chromium's accessibility tree. An aid for the manual
// pass in docs/accessibility.md, not a replacement for it.
//
//   PATHWAY_BIN=target/debug/pathway node e2e/tools/outline.mjs

import { launch, startServer } from "../lib/harness.mjs";

const server = await startServer();
const browser = await launch();
const page = await browser.newPage();
const pages = ["/", "/modules/managing-urges", "/get-in-touch", "/crisis", "/privacy", "/survey"];
try {
  for (const path of pages) {
    await page.goto(`${server.url}${path}`);
    console.log(`\n=== ${path} — "${await page.title()}" (lang ${await page.getAttribute("html", "lang")})`);
    console.log(await page.locator("body").ariaSnapshot());
  }
  await page.goto(`${server.url}/survey`);
  await page.check("#consent");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  console.log("\n=== survey page 1 with an error");
  console.log(await page.locator("main").ariaSnapshot());
  console.log("focused after the error:", await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120)));
} finally {
  await browser.close();
  server.stop();
}
