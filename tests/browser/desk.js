#!/usr/bin/env node
// The desk end to end in Chromium, as a person uses it (no shortcut past
// the forms):
//   node desk.js --url http://127.0.0.1:PORT/ --ward SLUG --target DIR
//                --downloads DIR [--artifacts DIR]
// In each staff language (Vietnamese with JavaScript, English without):
// create a page from the form (in English, the translation of the page
// made in Vietnamese) and open it from the link the desk gives;
// download the ward's hosting and offline zips (saved in DIR as
// LANG-NAME.zip, checked by the Rust test); publish the ward to its
// `file://` target: a dry run that sends nothing, then the real thing.
// Also: axe on the desk and each answer at 360 px, no request outside the
// preview, no console or CSP error, a screenshot of the desk at 360 px.
// Prints one line per step; ends with "All desk steps passed".
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const need of ["url", "ward", "target", "downloads"]) {
    if (!args[need]) throw new Error(`--${need} is needed`);
  }
  return args;
}

const problems = [];
function problem(where, what) { problems.push(`${where}: ${what}`); }

async function axe(page, where) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource).catch(() => null);
  // Without JavaScript the page cannot run axe: a page with JS checks it.
  const ok = await page.evaluate(() => !!window.axe).catch(() => false);
  if (!ok) return;
  const found = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }, AXE_TAGS);
  for (const v of found) problem(where, `axe ${v}`);
}

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(path.relative(dir, p));
    }
  })(dir);
  return out.sort();
}

/** Submits the form holding `button` and waits for the answer page. */
async function submit(page, button) {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(button)]);
}

async function flow(args, lang, javaScriptEnabled) {
  const origin = new URL(args.url).origin;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loa-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.LOA_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    javaScriptEnabled,
    viewport: { width: 360, height: 800 },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  context.setDefaultTimeout(120000);
  context.setDefaultNavigationTimeout(120000);
  const page = await context.newPage();
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problem(lang, `request outside the preview: ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") problem(lang, `console error: ${m.text()}`); });
  page.on("pageerror", (e) => problem(lang, `page error: ${e}`));
  page.on("response", (r) => { if (r.status() >= 400) problem(lang, `${r.status()} for ${r.url()}`); });
  const desk = `${origin}/?lang=${lang}`;
  try {
    // The desk, at 360 px.
    await page.goto(desk);
    if (args.artifacts) await page.screenshot({ path: path.join(args.artifacts, `desk-work-${lang}-360.png`), fullPage: true });
    if (javaScriptEnabled) await axe(page, `desk ${lang}`);

    // A new page from the form (in English: the translation of the
    // Vietnamese one), then the page through the desk's link.
    const title = lang === "vi" ? "Trang thử từ bàn biên tập" : "A page made at the desk";
    await page.fill("#new-title", title);
    if (lang === "vi") {
      await page.selectOption("#new-section", "skills");
      await page.selectOption("#new-district", args.ward);
    } else {
      await page.selectOption("#new-original", `content/districts/${args.ward}/skills/trang-thu-tu-ban-bien-tap.md`);
    }
    await page.selectOption("#new-lang", lang);
    await submit(page, "form[action='/__loa/action/new-page'] button[type=submit]");
    if (javaScriptEnabled) await axe(page, `new page answer ${lang}`);
    const link = await page.getAttribute("a.desk-new-page", "href");
    console.log(`${lang} new page: ${link}`);
    await Promise.all([page.waitForNavigation(), page.click("a.desk-new-page")]);
    const h1 = (await page.textContent("h1")) || "";
    if (!h1.includes(title)) problem(lang, `the new page shows "${h1}", not its title`);
    else console.log(`${lang} new page shown: ${h1.trim()}`);

    // The ward's zips, as downloads.
    for (const kind of ["hosting", "offline"]) {
      await page.goto(desk);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`form.desk-ward[data-ward='${args.ward}'] button[value='${kind}']`),
      ]);
      const saved = path.join(args.downloads, `${lang}-${download.suggestedFilename()}`);
      await download.saveAs(saved);
      console.log(`${lang} download ${kind}: ${saved}`);
    }

    // Publish: a dry run sends nothing, then the real thing.
    await page.goto(desk);
    const before = files(args.target);
    await submit(page, `form[action='/__loa/action/publish'][data-ward='${args.ward}'] button[type=submit]`);
    if (javaScriptEnabled) await axe(page, `dry run answer ${lang}`);
    const after = files(args.target);
    if (JSON.stringify(before) !== JSON.stringify(after)) problem(lang, "the dry run changed the target");
    const dry = await page.textContent("main");
    console.log(`${lang} dry run: ${(await page.textContent("h1")).trim()}; ${(await page.textContent("[role=status]")).trim()}`);
    if (before.length === 0 && !dry.includes("index.html")) problem(lang, "the dry run does not list index.html");
    await submit(page, "form[action='/__loa/action/publish'] button[type=submit]");
    if (javaScriptEnabled) await axe(page, `publish answer ${lang}`);
    const sent = files(args.target);
    if (!sent.includes("index.html")) problem(lang, "index.html was not published");
    // Sent while it goes: the files counted up to all of them.
    const steps = await page.$$eval(".desk-progress li", (items) => items.map((i) => i.textContent));
    // Streamed (files were sent): the result under an h2; else the h1.
    const heads = await page.$$eval("main h1, main h2", (els) => els.map((e) => e.textContent));
    const done = heads[1] || heads[0];
    console.log(`${lang} published: ${done.trim()}; ${steps.length ? steps[steps.length - 1] : "nothing to send"}; ${sent.length} files at the target`);
    // The terminal's line, in the desk's language: "quan-a: 58/58 files, …".
    if (before.length === 0 && !/^[a-z0-9-]+: (\d+)\/\1 /.test(steps[steps.length - 1] || "")) problem(lang, `progress ends at "${steps[steps.length - 1]}"`);

    // The desk lists what was done.
    await page.goto(desk);
    const log = await page.$$eval(".desk-log li", (items) => items.map((i) => i.textContent));
    console.log(`${lang} log: ${log.length} entries`);
    if (log.length < 5) problem(lang, `the desk lists ${log.length} actions`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.artifacts) fs.mkdirSync(args.artifacts, { recursive: true });
  fs.mkdirSync(args.downloads, { recursive: true });
  await flow(args, "vi", true);
  await flow(args, "en", false);
  for (const p of problems) console.log(`PROBLEM ${p}`);
  if (problems.length) process.exit(1);
  console.log("All desk steps passed");
}

main().catch((e) => { console.error(e); process.exit(1); });
