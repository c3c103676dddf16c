#!/usr/bin/env node
// The desk's editor in Chromium, as a person uses it:
//   node editor.js --url http://127.0.0.1:PORT/ --page /ADDRESS/ [--picture FILE]
//                  [--artifacts DIR]
// Opens the page in the preview, follows its "Sửa trang này" link, changes
// the title and a paragraph, sees the page beside the form change as she
// types (the editor's own script), adds a picture, saves, and sees the change in the
// preview. Then the same without JavaScript through the Preview button.
// Axe on the editor at 360 px, no request outside the preview, no console
// or CSP error, a screenshot at 360 px. Ends with "All editor steps passed".
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const args = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];

const problems = [];
function problem(where, what) { problems.push(`${where}: ${what}`); }

async function axe(page, where) {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }, AXE_TAGS);
  for (const v of found) problem(where, `axe ${v}`);
}

async function open(javaScriptEnabled, width) {
  const origin = new URL(args.url).origin;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loa-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.LOA_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled,
    viewport: { width, height: 800 },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  const where = javaScriptEnabled ? "with JS" : "without JS";
  page.on("request", (r) => { if (!r.url().startsWith(origin)) problem(where, `request outside the preview: ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") problem(where, `console error: ${m.text()}`); });
  page.on("pageerror", (e) => problem(where, `page error: ${e}`));
  page.on("response", (r) => { if (r.status() >= 400) problem(where, `${r.status()} for ${r.url()}`); });
  return { context, page, dir, origin };
}

async function withScript() {
  const { context, page, dir, origin } = await open(true, 360);
  try {
    await page.goto(origin + args.page);
    await Promise.all([page.waitForNavigation(), page.click(".loa-edit a")]);
    console.log(`editor opened: ${(await page.textContent("h1")).trim()}`);
    if (args.artifacts) {
      fs.mkdirSync(args.artifacts, { recursive: true });
      await page.screenshot({ path: path.join(args.artifacts, "editor-360.png"), fullPage: true });
    }
    await axe(page, "editor at 360 px");
    await page.fill("#editor-title", "Tiêu đề: \"đã sửa\" trong trình duyệt");
    const body = await page.inputValue("#editor-body");
    await page.fill("#editor-body", body.replace(/^([^#\n][^\n]*)$/m, "Đoạn văn sửa trong trình duyệt."));
    // The page beside the form follows her typing, without a reload.
    await page.waitForFunction(() => document.getElementById("editor-page").textContent.includes("Đoạn văn sửa trong trình duyệt."));
    console.log("the page beside the form changed as she typed");
    if (args.picture) {
      // A photo with its GPS position, from her computer, with its alt text.
      await page.setInputFiles("#editor-picture", args.picture);
      await page.fill("#editor-alt", "Ảnh tập huấn");
      await Promise.all([page.waitForNavigation(), page.click("#editor-add-picture")]);
      console.log(`picture: ${(await page.textContent("[role=status]")).trim()}`);
      const typed = await page.inputValue("#editor-body");
      if (!/!\[Ảnh tập huấn\]\([a-z0-9-]+\.jpg\)\n$/.test(typed)) problem("with JS", `no picture Markdown at the end: ${typed.slice(-80)}`);
      if (!(await page.$("#editor-page img"))) problem("with JS", "the page beside the form shows no picture");
    }
    await Promise.all([page.waitForNavigation(), page.click("#editor-save")]);
    const saved = (await page.textContent("[role=status]")).trim();
    console.log(`saved: ${saved}`);
    await page.goto(origin + args.page);
    const h1 = (await page.textContent("h1")).trim();
    if (!h1.includes("đã sửa")) problem("with JS", `the preview shows "${h1}"`);
    const text = await page.textContent("main");
    if (!text.includes("Đoạn văn sửa trong trình duyệt.")) problem("with JS", "the paragraph is not in the preview");
    if (args.picture && !(await page.$("main img[alt='Ảnh tập huấn']"))) problem("with JS", "the picture is not in the preview");
    console.log(`preview after saving: ${h1}`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withoutScript() {
  const { context, page, dir, origin } = await open(false, 1280);
  try {
    await page.goto(origin + args.page);
    await Promise.all([page.waitForNavigation(), page.click(".loa-edit a")]);
    const body = await page.inputValue("#editor-body");
    await page.fill("#editor-body", body + "\n\n## Phần thêm không cần JavaScript\n");
    await Promise.all([page.waitForNavigation(), page.click("#editor-preview-button")]);
    const heads = await page.$$eval("#editor-page h2", (hs) => hs.map((h) => h.textContent.trim()));
    if (!heads.some((h) => h.includes("Phần thêm không cần JavaScript"))) problem("without JS", `preview headings: ${heads}`);
    console.log("without JS the Preview button shows the page again");
    if (args.artifacts) await page.screenshot({ path: path.join(args.artifacts, "editor-1280.png"), fullPage: true });
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  await withScript();
  await withoutScript();
  for (const p of problems) console.log(`PROBLEM ${p}`);
  if (problems.length) process.exit(1);
  console.log("All editor steps passed");
}

main().catch((e) => { console.error(e); process.exit(1); });
