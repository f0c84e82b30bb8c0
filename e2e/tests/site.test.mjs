// Pathway in Debian's Chromium: every public page and flow, then the staff
// area, each page checked by harness.checkPage; then every page's HTML
// through the Nu Html Checker.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  OUT, QUICK_EXIT, addStaff, checkPage, launch, mainText, rtlContent, startServer, totp, watchedContext,
} from "../lib/harness.mjs";

let server;
let browser;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function modulePaths(page) {
  await page.goto(`${server.url}/`);
  const hrefs = await page.locator('main a[href^="/modules/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const paths = [...new Set(hrefs.filter((h) => !h.endsWith(".pdf")))];
  assert.ok(paths.length >= 4, `modules listed: ${paths}`);
  return paths;
}

test("every public page passes, and reads the same without JavaScript", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const plain = await noJs.newPage();
  const paths = [
    "/", ...(await modulePaths(page)), "/get-in-touch", "/privacy", "/crisis", "/transparency",
    "/survey", "/survey/entry", "/survey/resume", "/survey/follow-up", "/reminder", "/urge", "/coping-card",
    "/where-to-start",
    // Welsh: a translated module, one shown in English with a notice, and
    // the pages whose words come from cy/site.toml.
    "/cy", "/cy/modules/sexual-communication-online", "/cy/modules/managing-urges",
    "/cy/get-in-touch", "/cy/privacy", "/cy/crisis",
    // Welsh surveys (words from cy/surveys/) and tools.
    "/cy/survey", "/cy/survey/entry", "/cy/survey/resume", "/cy/survey/follow-up",
    "/cy/urge", "/cy/where-to-start", "/cy/coping-card", "/cy/reminder",
    "/cy/messages", "/cy/messages/read", "/cy/transparency",
  ];
  for (const path of paths) {
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res.status(), 200, path);
    const html = await res.text();
    await checkPage(page, `public${path === "/" ? "-home" : path}`, seen, { html });
    const res2 = await plain.goto(`${server.url}${path}`);
    assert.equal(res2.status(), 200);
    assert.equal(await mainText(plain), await mainText(page), `${path}: different without JavaScript`);
  }
  const missing = await page.goto(`${server.url}/no-such-page`);
  assert.equal(missing.status(), 404);
  await checkPage(page, "public-404", seen, { html: await missing.text() });
  await context.close();
  await noJs.close();
});

test("the language switch goes to the same page in the other language", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/modules/sexual-communication-online`);
  await page.getByRole("link", { name: "Cymraeg" }).click();
  assert.equal(new URL(page.url()).pathname, "/cy/modules/sexual-communication-online");
  assert.equal(await page.locator("html").getAttribute("lang"), "cy");
  await page.getByRole("heading", { level: 1, name: "Cyfathrebu rhywiol â phlant ar-lein" }).waitFor();
  await page.getByRole("navigation", { name: "Prif" }).getByRole("link", { name: "Cysylltu â ni" }).click();
  assert.equal(new URL(page.url()).pathname, "/cy/get-in-touch");
  await page.getByRole("link", { name: "English" }).click();
  assert.equal(new URL(page.url()).pathname, "/get-in-touch");
  assert.equal(await page.locator("html").getAttribute("lang"), "en-GB");
  await checkPage(page, "language-switch", seen);
  await context.close();
});

test("module PDF and worksheet PDF download", async () => {
  const { context, seen } = await watchedContext(browser, server.url, { acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/modules/getting-support`);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download module as a PDF" }).click(),
  ]);
  assert.match(pdf.suggestedFilename(), /^module-\d+\.pdf$/);
  assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString(), "%PDF-");
  await page.getByLabel("My warning signs", { exact: false }).first().fill("Feeling low and alone");
  const [sheet] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my answers as a PDF" }).first().click(),
  ]);
  assert.equal(sheet.suggestedFilename(), "worksheet.pdf");
  assert.equal(readFileSync(await sheet.path()).subarray(0, 5).toString(), "%PDF-");
  await checkPage(page, "module-after-downloads", seen);
  await context.close();
});

test("coping card and calendar reminder download, with JavaScript off", async () => {
  const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/coping-card`);
  await page.getByLabel("My warning signs").fill("Feeling low and alone");
  const [card] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download a wallet card (PDF)" }).click(),
  ]);
  assert.equal(card.suggestedFilename(), "card.pdf");
  assert.equal(readFileSync(await card.path()).subarray(0, 5).toString(), "%PDF-");
  await page.goto(`${server.url}/reminder`);
  const day = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
  await page.locator("#reminder-on").fill(day);
  const [ics] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the calendar file" }).click(),
  ]);
  assert.equal(ics.suggestedFilename(), "reminder.ics");
  const text = readFileSync(await ics.path()).toString();
  assert.match(text, /BEGIN:VALARM/);
  assert.match(text, new RegExp(`DTSTART;VALUE=DATE:${day.replaceAll("-", "")}`));
  await context.close();
});

test("where do I start: urgent and under-18 answers first, the PDF, and the same without JavaScript", async () => {
  const { context, seen } = await watchedContext(browser, server.url, { acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole("link", { name: "Answer a few questions" }).click();
  assert.equal(new URL(page.url()).pathname, "/where-to-start");
  await page.check('#sc-now-might-act');
  await page.check('#sc-age-under-18');
  await page.check('#sc-often-daily');
  await page.getByRole("button", { name: "Show me where to start" }).click();
  await page.getByRole("heading", { name: "Get help now" }).waitFor();
  const steps = await page.locator("ol.next-steps > li > a").allInnerTexts();
  assert.equal(steps[0], "Shore", `${steps}`);
  assert.equal(steps[1], "Managing urges and risky situations online", `${steps}`);
  await checkPage(page, "self-check-result", seen);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download these steps (PDF)" }).click(),
  ]);
  assert.equal(pdf.suggestedFilename(), "next-steps.pdf");
  assert.equal(readFileSync(await pdf.path()).subarray(0, 5).toString(), "%PDF-");
  assert.deepEqual(await context.cookies(), []);
  await context.close();

  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto(`${server.url}/where-to-start`);
  await noJs.check('#sc-who-someone');
  await noJs.getByRole("button", { name: "Show me where to start" }).click();
  const family = await noJs.locator("ol.next-steps > li > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(family.slice(0, 1), ["/#family-and-friends"]);
  assert.equal(await noJs.locator(".urgent-box").count(), 0);
  await plain.close();
});

function answerPages(page) {
  const steps = [
    async () => {
      await page.check('input[name="q-age"][value="25-34"]');
      await page.check('input[name="q-reason"][value="own-thoughts"]');
    },
    async () => {
      await page.check('input[name="q-helpful"][value="3"]');
      await page.check('input[name="q-statements-understand"][value="4"]');
    },
    async () => {
      await page.check('input[name="q-behaviour-change"][value="reduced"]');
      await page.locator('textarea[name="q-what-changed"]').fill("Talking to someone helped");
    },
    async () => {
      await page.check('input[name="q-contacted-helpline"][value="planning"]');
      await page.locator('input[name="q-weeks-using"]').fill("6");
    },
  ];
  return steps;
}

test("the entry questionnaire: offered first, and the safety block after a contact answer", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole("link", { name: "Answer the questions before you start" }).click();
  await page.check("#consent");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await page.check('input[name="q-age"][value="25-34"]');
  await page.locator('button[name="action"][value="next"]').click();
  await page.locator('button[name="action"][value="next"]').click();
  assert.match(await mainText(page), /Page 3 of 5/);
  await page.check('input[name="q-contact"][value="once"]');
  await page.locator('button[name="action"][value="next"]').click();
  const text = await mainText(page);
  assert.match(text, /If you are in contact with a child now/);
  assert.match(text, /Page 4 of 5/);
  await checkPage(page, "entry-safety", seen);
  await context.close();
});

/**
 * The whole survey from its introduction to the thank-you page: a missing
 * answer first, then every page. `check` (with JavaScript only: axe and
 * the layout checks run scripts) checks each page on the way.
 */
async function completeSurvey(page, check) {
  await page.goto(`${server.url}/survey`);
  await page.check("#consent");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await check("survey-page-1");
  // A missing answer: the page comes back with the error, nothing lost.
  await page.getByRole("button", { name: "Next" }).click();
  assert.ok(await page.locator(".error-summary").isVisible());
  await check("survey-page-1-error");
  const steps = answerPages(page);
  for (const [i, step] of steps.entries()) {
    await step();
    await page.locator('button[name="action"][value="next"]').click();
    await check(i < steps.length - 1 ? `survey-page-${i + 2}` : "survey-review");
  }
  assert.match(await mainText(page), /Check your answers/);
  await page.locator('button[name="action"][value="submit"]').click();
  assert.match(await mainText(page), /Your answers have been sent/);
  await check("survey-thanks");
}

test("the survey, completed with every page checked", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await completeSurvey(page, (name) => checkPage(page, name, seen));
  await context.close();
});

test("the survey in Welsh, completed with every page checked", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/cy/survey`);
  await page.check("#consent");
  await page.getByRole("button", { name: "Dechrau'r arolwg" }).click();
  assert.equal(await page.locator("html").getAttribute("lang"), "cy");
  await checkPage(page, "survey-cy-page-1", seen);
  // A missing answer: the page again, in Welsh, nothing lost.
  await page.getByRole("button", { name: "Nesaf" }).click();
  assert.match(await mainText(page), /Atebwch y cwestiwn hwn/);
  await checkPage(page, "survey-cy-page-1-error", seen);
  for (const [i, step] of answerPages(page).entries()) {
    await step();
    await page.locator('button[name="action"][value="next"]').click();
    await checkPage(page, `survey-cy-after-page-${i + 1}`, seen);
  }
  assert.match(await mainText(page), /Gwiriwch eich atebion/);
  await page.locator('button[name="action"][value="submit"]').click();
  assert.match(await mainText(page), /Mae eich atebion wedi cael eu hanfon/);
  await checkPage(page, "survey-cy-thanks", seen);
  await context.close();
});

test("the survey, completed without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await completeSurvey(page, async () => {});
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test("the survey, saved, resumed with the code and sent", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/survey`);
  await page.check("#consent");
  await page.getByRole("button", { name: "Start the survey" }).click();
  const steps = answerPages(page);
  await steps[0]();
  await page.locator('button[name="action"][value="next"]').click();
  await page.locator('button[name="action"][value="save"]').click();
  const code = (await page.locator("#resume-code").innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]{2}$/);
  await checkPage(page, "survey-saved", seen);
  await page.goto(`${server.url}/survey/resume`);
  await page.locator("#code").fill(code.toLowerCase().replaceAll("-", " "));
  await page.locator('form[action="/survey/resume"] button[type="submit"]').click();
  assert.ok(await page.locator('input[name="q-helpful"]').count() > 0, "back on page 2");
  await checkPage(page, "survey-resumed", seen);
  for (const step of steps.slice(1)) {
    await step();
    await page.locator('button[name="action"][value="next"]').click();
  }
  await page.locator('button[name="action"][value="submit"]').click();
  assert.match(await mainText(page), /Your answers have been sent/);
  await context.close();
});

test("the quick survey at the end of a module", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/modules/managing-urges`);
  await page.check('input[name="q-helpful"][value="4"]');
  await page.check('input[name="q-clear"][value="mostly"]');
  await page.locator('form[action="/survey/quick/managing-urges"] button[type="submit"]').click();
  assert.match(await mainText(page), /thank/i);
  await checkPage(page, "quick-survey-thanks", seen);
  await context.close();
});

test("quick exit is a plain link to the neutral site, and the only way out", async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const left = [];
    await context.route((url) => !url.href.startsWith(server.url), (route) => {
      left.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<title>elsewhere</title>" });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/modules/managing-urges`);
    const link = page.locator("#quick-exit");
    assert.equal(await link.getAttribute("href"), QUICK_EXIT);
    await link.click();
    await page.waitForURL((u) => u.href.startsWith(QUICK_EXIT));
    assert.deepEqual(left.map((u) => u.split("?")[0]), [QUICK_EXIT]);
    await context.close();
  }
});

test("keyboard: skip link first, quick exit by the third stop, every stop visibly focused, Escape twice leaves", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  await context.route((url) => !url.href.startsWith(server.url), (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>elsewhere</title>" }));
  const page = await context.newPage();
  for (const path of ["/", "/modules/getting-support", "/get-in-touch", "/survey"]) {
    await page.goto(`${server.url}${path}`);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link", path);
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main", `${path}: the skip link moves focus to the content`);
    await page.goto(`${server.url}${path}`);
    const stops = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} ${(el.innerText || el.value || el.getAttribute("aria-label") || "").slice(0, 40)}`,
          outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          shown: box.width > 0 && box.height > 0,
        };
      });
      if (stop === null) break;
      stops.push(stop);
    }
    assert.ok(stops.length > 5 && stops.length < 400, `${path}: ${stops.length} tab stops`);
    const exit = stops.findIndex((st) => st.what.includes("#quick-exit"));
    assert.ok(exit >= 0 && exit <= 2, `${path}: quick exit is among the first three stops (skip link, site name, quick exit): ${exit}`);
    const unseen = stops.filter((s) => !s.outlined || !s.shown).map((s) => s.what);
    assert.deepEqual(unseen, [], `${path}: tab stops without a visible focus outline`);
  }
  // Escape twice: the same way out as the quick exit link.
  await page.goto(`${server.url}/modules/managing-urges`);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.waitForURL((u) => u.href.startsWith(QUICK_EXIT));
  seen.foreign.length = 0;
  await context.close();
});

test("staff: enrol, sign in with password and TOTP, results, export, sign out", async () => {
  const enrol = addStaff(server, "e2e-admin", "admin");
  const { context, seen } = await watchedContext(browser, server.url, { acceptDownloads: true });
  const page = await context.newPage();
  const password = "a long passphrase for e2e";
  await page.goto(`${server.url}${enrol}`);
  await checkPage(page, "staff-enrol-password", seen, { staff: true });
  await page.locator("#password").fill(password);
  await page.locator("#confirm").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  const key = (await page.locator("#totp-key").innerText()).trim();
  await checkPage(page, "staff-enrol-totp", seen, { staff: true });
  await page.locator("#code").fill(totp(key, 0));
  await page.getByRole("button", { name: "Finish" }).click();
  assert.equal(await page.locator(".recovery-codes li").count(), 10);
  await checkPage(page, "staff-enrolled", seen, { staff: true });
  await page.getByRole("link", { name: "Sign in" }).click();
  await checkPage(page, "staff-sign-in", seen, { staff: true });
  await page.locator("#name").fill("e2e-admin");
  await page.locator("#password").fill(password);
  // A later step than the one used to enrol (the server accepts one step
  // either side of now), so that no 30 s boundary can make this flaky.
  await page.locator("#code").fill(totp(key, 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  assert.match(await mainText(page), /Signed in as e2e-admin/);
  const cookies = await context.cookies();
  assert.equal(cookies.length, 1);
  assert.equal(cookies[0].name, "__Host-pathway-staff");
  assert.ok(cookies[0].httpOnly && cookies[0].secure && cookies[0].sameSite === "Strict");
  await checkPage(page, "staff-home", seen, { staff: true });
  await page.getByRole("link", { name: "Help us improve this site" }).click();
  assert.match(await mainText(page), /results/);
  await checkPage(page, "staff-results", seen, { staff: true });
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Responses as CSV" }).click(),
  ]);
  assert.equal(csv.suggestedFilename(), "survey.csv");
  assert.match(readFileSync(await csv.path(), "utf8"), /^response,version,/);
  await page.getByRole("link", { name: /Read the answers to this question/ }).first().click();
  await checkPage(page, "staff-free-text-warning", seen, { staff: true });
  await page.getByRole("link", { name: "Show the answers" }).click();
  assert.match(await mainText(page), /Talking to someone helped/);
  await checkPage(page, "staff-free-text", seen, { staff: true });
  for (const [path, name] of [["/staff/usage", "staff-usage"], ["/staff/content", "staff-content"]]) {
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res.status(), 200);
    await checkPage(page, name, seen, { staff: true, html: await res.text() });
  }
  await page.goto(`${server.url}/staff`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  assert.match(page.url(), /\/staff\/sign-in$/);
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

/** Enrols `name` with `role` and signs in on `page`; returns nothing. */
async function enrolAndSignIn(page, name, role) {
  const enrol = addStaff(server, name, role);
  const password = "a long passphrase for e2e";
  await page.goto(`${server.url}${enrol}`);
  await page.locator("#password").fill(password);
  await page.locator("#confirm").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  const key = (await page.locator("#totp-key").innerText()).trim();
  await page.locator("#code").fill(totp(key, 0));
  await page.getByRole("button", { name: "Finish" }).click();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator("#name").fill(name);
  await page.locator("#password").fill(password);
  await page.locator("#code").fill(totp(key, 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  assert.match(await mainText(page), new RegExp(`Signed in as ${name}`));
}

/** Writes a first message on `page` (checking each page when `check`);
 * returns the conversation code. */
async function writeMessage(page, text, check) {
  await page.goto(`${server.url}/get-in-touch`);
  await page.locator('main a[href="/messages"]').first().click();
  await check("messages-write");
  await page.locator("#text").fill(`${text} You can call me on 07700 900123.`);
  await page.locator("#nickname").fill("Robin");
  await page.getByRole("button", { name: "Send message" }).click();
  assert.match(await mainText(page), /may hold details that identify you/);
  assert.equal(await page.locator("mark").count(), 1);
  await check("messages-warning");
  // Edit the number out, and send.
  await page.locator("#text").fill(text);
  await page.getByRole("button", { name: "Check again and send" }).click();
  const code = (await page.locator("#conversation-code").innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}-[0-9A-Z]{2}$/);
  assert.ok(!page.url().includes(code.slice(0, 4)), "the code is not in the address");
  await check("messages-sent");
  return code;
}

/** Opens the conversation with `code` on `page`. */
async function readMessages(page, code) {
  await page.goto(`${server.url}/messages/read`);
  await page.locator("#code").fill(code.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Open my conversation" }).click();
}

test("messages: write, a practitioner replies, read with the code, delete (JavaScript on and off)", async () => {
  const { context, seen } = await watchedContext(browser, server.url);
  const page = await context.newPage();
  const check = (name) => checkPage(page, name, seen);
  const code = await writeMessage(page, "I want to stop. E2E-WITH-JS", check);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  noJs.setDefaultTimeout(15000);
  const plain = await noJs.newPage();
  const plainCode = await writeMessage(plain, "Without scripts. E2E-NO-JS", async () => {});

  const staff = await watchedContext(browser, server.url);
  const desk = await staff.context.newPage();
  await enrolAndSignIn(desk, "e2e-practitioner", "practitioner");
  assert.match(await mainText(desk), /2 conversations waiting for a reply/);
  await desk.getByRole("link", { name: /conversations waiting/ }).click();
  await checkPage(desk, "staff-inbox", staff.seen, { staff: true });
  for (const [marker, reply] of [["E2E-WITH-JS", "REPLY-ONE"], ["E2E-NO-JS", "REPLY-TWO"]]) {
    await desk.goto(`${server.url}/staff/messages`);
    const links = await desk.locator('main a[href^="/staff/messages/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    let found = false;
    for (const href of links) {
      await desk.goto(`${server.url}${href}`);
      if ((await mainText(desk)).includes(marker)) { found = true; break; }
    }
    assert.ok(found, `${marker} in the inbox`);
    await desk.getByRole("button", { name: "Take it (assign to me)" }).click();
    await desk.locator("#snippet").selectOption("first-reply");
    await desk.getByRole("button", { name: "Put it in the reply" }).click();
    await desk.locator("#reply").fill(`Thank you for writing. ${reply}`);
    if (reply === "REPLY-ONE") await checkPage(desk, "staff-conversation", staff.seen, { staff: true });
    await desk.getByRole("button", { name: "Send reply" }).click();
    assert.match(await mainText(desk), /Waiting for them/);
  }

  await readMessages(page, code);
  assert.match(await mainText(page), /REPLY-ONE/);
  assert.match(await mainText(page), /Helpline practitioner/);
  assert.doesNotMatch(await mainText(page), /e2e-practitioner/);
  await check("messages-conversation");
  await page.locator("#text").fill("Thank you. I will read it again.");
  await page.getByRole("button", { name: "Send message" }).click();
  assert.match(await mainText(page), /Your message has been sent/);
  await page.getByRole("button", { name: "Delete this conversation now" }).click();
  await check("messages-confirm-delete");
  await page.getByRole("button", { name: "Yes, delete it now" }).click();
  assert.match(await mainText(page), /has been deleted/);
  await check("messages-deleted");
  await readMessages(page, code);
  assert.match(await mainText(page), /could not find a conversation/);
  await check("messages-bad-code");

  await readMessages(plain, plainCode);
  assert.match(await mainText(plain), /REPLY-TWO/);
  await plain.getByRole("button", { name: "Delete this conversation now" }).click();
  await plain.getByRole("button", { name: "Yes, delete it now" }).click();
  assert.match(await mainText(plain), /has been deleted/);
  assert.deepEqual(await noJs.cookies(), []);
  assert.deepEqual(await context.cookies(), []);
  await noJs.close();
  await staff.context.close();
  await context.close();
});

test("right to left: a Hebrew fixture's pages fit the screen and the quick exit stays first and reachable", async () => {
  const content = rtlContent();
  const rtl = await startServer(content.dir);
  try {
    const { context, seen } = await watchedContext(browser, rtl.url);
    await context.route((url) => !url.href.startsWith(rtl.url), (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<title>elsewhere</title>" }));
    const page = await context.newPage();
    for (const path of ["/he", "/he/modules/sexual-communication-online", "/he/modules/managing-urges", "/he/get-in-touch", "/he/survey"]) {
      const res = await page.goto(`${rtl.url}${path}`);
      assert.equal(res.status(), 200, path);
      assert.equal(await page.locator("html").getAttribute("dir"), "rtl", path);
      // axe, no other origin, no cookie, nothing wider than 320 px or 200% zoom.
      await checkPage(page, `rtl${path}`, seen, { html: await res.text() });
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 800 });
        const exit = await page.locator("#quick-exit").boundingBox();
        assert.ok(exit && exit.x >= 0 && exit.x + exit.width <= width && exit.y >= 0 && exit.y < 800,
          `${path} at ${width} px: the quick exit is on screen: ${JSON.stringify(exit)}`);
        const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("#quick-exit") !== null,
          { x: exit.x + exit.width / 2, y: exit.y + exit.height / 2 });
        assert.ok(onTop, `${path} at ${width} px: nothing covers the quick exit`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${rtl.url}${path}`);
      const stops = [];
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press("Tab");
        stops.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className));
      }
      assert.ok(stops.includes("quick-exit"), `${path}: quick exit among the first three tab stops: ${stops}`);
    }
    // The Hebrew module's PDF, its letters from the fixture's added font.
    const pdf = await page.request.get(`${rtl.url}/he/modules/sexual-communication-online.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    assert.ok((await pdf.body()).includes("+DejaVuSans"), "the Hebrew letters' font is embedded");
    // A module with no Hebrew version is shown left to right inside the page.
    await page.goto(`${rtl.url}/he/modules/managing-urges`);
    assert.equal(await page.locator("article.module").getAttribute("dir"), "ltr");
    await page.locator("#quick-exit").click();
    await page.waitForURL((u) => u.href.startsWith(QUICK_EXIT));
    seen.foreign.length = 0;
    await context.close();
  } finally {
    rtl.stop();
    content.remove();
  }
});

test("every page's HTML passes the Nu Html Checker", () => {
  const dir = join(OUT, "html");
  const files = readdirSync(dir).filter((f) => f.endsWith(".html")).map((f) => join(dir, f));
  assert.ok(files.length > 20, `${files.length} pages kept`);
  const jar = join(process.cwd(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  let out = "";
  try {
    out = execFileSync("java", ["-jar", jar, "--errors-only", "--format", "gnu", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    out = `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
  assert.equal(out.trim(), "", `the Nu Html Checker found errors:\n${out}`);
});
