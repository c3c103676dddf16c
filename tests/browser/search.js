#!/usr/bin/env node
// loa's search in Chromium, on one district of a built campaign, in each
// language, served over HTTP and opened from file:// (an --offline build):
//
//   node search.js --online DIR --offline DIR --district SLUG [--artifacts DIR]
//
// (run.js checks every page of the site, the A–Z list included, with axe.)
//
// For each query typed (with the keyboard, as a reader would), the first
// results are the expected pages and the matched words are marked; the
// address, the history length and the title do not change; the count is
// said in a live region; axe finds no violation with the results open; no
// request leaves the site; a result is followed with the keyboard; Back
// from a result, and Back after the quick exit, find the field empty; the
// quick exit (click and Shift ×3) empties the field before leaving; without
// JavaScript the box is absent and the A–Z link leads to the list.
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const run = require("./run.js");

const { serve, launch, close, Findings } = run;

/* axe-core reads the style sheets itself, which file:// refuses with a
   console error: the page's own errors are counted outside its runs. */
let inAxe = false;
async function axe(page) {
  inAxe = true;
  try { return await run.axe(page); } finally { inAxe = false; }
}

const QUERIES = {
  vi: [
    // [typed, the first result's address ends with…, its title holds…]
    ["bao luc", "skills/", "bạo lực"],
    ["xam hai", "skills/sau-khi-bi-xam-hai-tinh-duc/", "xâm hại"],
    ["duong day nong", "hotlines/", "Số điện thoại trợ giúp"],
    ["111", "hotlines/#child-protection-111", "bảo vệ trẻ em"],
    ["BẠO LỰC GIA ĐÌNH", "skills/nhan-biet-dau-hieu-bao-luc/", "bạo lực gia đình"],
  ],
  en: [
    ["violence", "skills/", "violence"],
    ["sexual abuse", "skills/sau-khi-bi-xam-hai-tinh-duc/", "sexual abuse"],
    ["helplines", "hotlines/", "Helplines"],
    ["111", "hotlines/#child-protection-111", "Child Protection"],
  ],
};

function parseArgs(argv) {
  const args = { online: null, offline: null, district: null, artifacts: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--online") args.online = path.resolve(argv[++i]);
    else if (a === "--offline") args.offline = path.resolve(argv[++i]);
    else if (a === "--district") args.district = argv[++i];
    else if (a === "--artifacts") args.artifacts = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.online || !args.offline || !args.district) throw new Error("give --online DIR --offline DIR --district SLUG");
  return args;
}

/** Types `query` into the empty field and waits for its results. */
async function type(page, query) {
  await page.fill("#search-q", "");
  await page.focus("#search-q");
  await page.keyboard.type(query, { delay: 15 });
  await page.waitForFunction((q) => {
    const status = document.getElementById("search-status").textContent;
    return document.getElementById("search-q").value === q && status.trim().length > 0
      && !document.querySelector(".search-panel").hidden;
  }, query, { timeout: 5000 });
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll("#search-results li:not(.search-more)")].filter((li) => li.querySelector("a")).map((li) => ({
      href: li.querySelector("a").href, title: li.querySelector("a").textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  }));
}

/** The state that must not hold the query. */
function trace(page) {
  return page.evaluate(() => ({ url: location.href, history: history.length, title: document.title }));
}

async function checkLanguage(page, where, start, lang, findings, exitUrl) {
  const step = (s) => { if (process.env.LOA_DEBUG) console.log(where, s); };
  await page.goto(start);
  const before = await trace(page);
  if (!(await page.isVisible("#search-q"))) { findings.add(where, "the search field is not shown"); return; }
  if (await page.isVisible(".search-az")) findings.add(where, "the A–Z link is still shown beside the box");
  for (const [query, href, title] of QUERIES[lang]) {
    let got;
    try { got = await type(page, query); } catch (e) { findings.add(where, `"${query}": no results (${e.message.split("\n")[0]})`); continue; }
    const first = got.results[0];
    if (!first) { findings.add(where, `"${query}": no result (${got.status})`); continue; }
    const bare = first.href.replace(/index\.html(#|$)/, "$1");
    if (!bare.endsWith(href) && !(href.endsWith("/") && bare.includes(`/${href}`))) {
      findings.add(where, `"${query}": first result ${first.href}, expected …${href}`);
    }
    if (!first.title.toLowerCase().includes(title.toLowerCase())) findings.add(where, `"${query}": first result "${first.title}" does not hold "${title}"`);
    if (!got.results.some((r) => r.marks.length)) findings.add(where, `"${query}": no word marked in the results`);
    if (!/\d/.test(got.status)) findings.add(where, `"${query}": the live region says "${got.status}"`);
    const now = await trace(page);
    if (now.url !== before.url) findings.add(where, `"${query}": the address changed to ${now.url}`);
    if (now.history !== before.history) findings.add(where, `"${query}": the history grew to ${now.history}`);
    if (now.title !== before.title) findings.add(where, `"${query}": the title changed to ${now.title}`);
  }
  step("queries done");
  // Nothing found: said, and the A–Z list offered.
  const none = await type(page, "zzqxv");
  if (none.results.length) findings.add(where, "a word in no page found results");
  if (!(await page.isVisible("#search-results .search-more a"))) findings.add(where, "no A–Z link under the results");
  // axe with the results open, at 360 px and 1280 px.
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await type(page, QUERIES[lang][0][0]);
    for (const v of await axe(page)) findings.add(`${where} @${width}`, `axe: ${v}`);
  }
  await page.setViewportSize({ width: 360, height: 800 });
  step("axe done");
  // Escape empties the field.
  await page.keyboard.press("Escape");
  if (await page.inputValue("#search-q")) findings.add(where, "Escape did not empty the field");
  // The keyboard reaches a result and follows it; Back finds the field
  // empty (the page was left, so the query was forgotten).
  await type(page, QUERIES[lang][1][0]);
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest("#search-results") !== null);
  if (!focused) findings.add(where, "ArrowDown did not reach the first result");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  if (page.url() === before.url) findings.add(where, "Enter on a result did not follow it");
  step("followed a result");
  // The quick exit from the result page; Back lands on the search page.
  await page.click("#quick-exit");
  await page.waitForURL((u) => u.href.startsWith(exitUrl), { timeout: 5000 });
  await page.goBack({ timeout: 5000 }).catch(() => null);
  await page.waitForLoadState("load").catch(() => null);
  if (page.url().startsWith(exitUrl)) findings.add(where, "Back after the quick exit did not leave the exit page");
  if (page.url() === before.url) {
    const left = await page.evaluate(() => ({
      value: document.getElementById("search-q").value,
      shown: !document.querySelector(".search-panel").hidden,
      results: document.querySelectorAll("#search-results li").length,
    }));
    if (left.value || left.shown || left.results) findings.add(where, `Back after the quick exit shows the search: ${JSON.stringify(left)}`);
  }
  step("back after the exit");
  // The quick exit empties the field before it leaves (click and Shift ×3).
  for (const how of ["click", "shift"]) {
    // The last exit's navigation may still be under way: try again once.
    await page.goto(start).catch(() => page.goto(start));
    await type(page, QUERIES[lang][0][0]);
    const value = how === "click"
      ? await page.evaluate(() => { document.getElementById("quick-exit").click(); window.stop(); return document.getElementById("search-q").value + document.getElementById("search-results").textContent; })
      : await (async () => {
        await page.keyboard.press("Shift"); await page.keyboard.press("Shift");
        return page.evaluate(() => {
          document.dispatchEvent(new KeyboardEvent("keydown", { key: "Shift" }));
          window.stop();
          return document.getElementById("search-q").value + document.getElementById("search-results").textContent;
        });
      })();
    if (value) findings.add(where, `the quick exit (${how}) left "${value.slice(0, 60)}…" in the search`);
  }
}

// The quick exit of the checks before navigates on its own: a goto that
// meets that navigation is aborted (net::ERR_ABORTED). Wait for the page
// to settle, and go again when the first goto was the one cut short.
async function gotoAfterExit(page, url) {
  await page.waitForLoadState("load");
  try {
    await page.goto(url);
  } catch (e) {
    if (!String(e).includes("ERR_ABORTED")) throw e;
    await page.waitForLoadState("load");
    await page.goto(url);
  }
}

async function checkMode(mode, root, district, findings, artifacts) {
  let server = null;
  let origin;
  if (mode === "online") {
    server = await serve(root);
    origin = `http://127.0.0.1:${server.address().port}`;
  } else {
    origin = pathToFileURL(root).href;
  }
  const browser = await launch({ viewport: { width: 360, height: 800 } });
  const page = await browser.context.newPage();
  const foreign = [];
  const errors = [];
  let exitUrl = null;
  page.on("request", (req) => {
    const u = req.url();
    // The quick exit's own site is answered by a stub, below.
    if (!u.startsWith(origin) && !u.startsWith("data:") && !(exitUrl && u.startsWith(exitUrl))) foreign.push(u);
  });
  page.on("console", (m) => { if (m.type() === "error" && !inAxe) errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    const suffix = mode === "online" ? "" : "index.html";
    const home = `${origin}/${district}/`;
    await page.goto(home + suffix);
    exitUrl = await page.getAttribute("#quick-exit", "href");
    await browser.context.route(exitUrl + "**", (route) => route.fulfill({ contentType: "text/html", body: "<title>weather</title><p>Weather stub</p>" }));
    for (const lang of ["vi", "en"]) {
      const prefix = lang === "vi" ? "" : "en/";
      const start = `${home}${prefix}skills/${suffix}`;
      await checkLanguage(page, `${mode} ${lang}`, start, lang, findings, exitUrl);
      if (artifacts) {
        await gotoAfterExit(page, start);
        await type(page, QUERIES[lang][0][0]);
        await page.screenshot({ path: path.join(artifacts, `search-${mode}-${lang}-360.png`) });
      }
    }
    for (const u of foreign) findings.add(mode, `request to another site: ${u}`);
    for (const e of errors) findings.add(mode, `console: ${e}`);
  } finally {
    await close(browser);
    if (server) server.close();
  }
}

/** Without JavaScript: no box, and the A–Z link leads to every page. */
async function checkWithoutJs(root, district, findings) {
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const page = await browser.context.newPage();
  try {
    await page.goto(`${origin}/${district}/skills/`);
    if (await page.isVisible("#search-q")) findings.add("without JS", "the search field is shown");
    if (!(await page.isVisible(".search-az a"))) findings.add("without JS", "no A–Z link");
    await Promise.all([page.waitForNavigation(), page.click(".search-az a")]);
    const links = await page.$$eval(".az-list a", (as) => as.length);
    if (links < 20) findings.add("without JS", `the A–Z list has ${links} links`);
    const h1 = await page.evaluate(() => document.querySelector("h1").getBoundingClientRect().bottom);
    if (h1 > 800) findings.add("without JS", "the A–Z title is not on the first screen");
  } finally {
    await close(browser);
    server.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.artifacts) fs.mkdirSync(args.artifacts, { recursive: true });
  const findings = new Findings();
  await checkMode("online", args.online, args.district, findings, args.artifacts);
  await checkMode("offline", args.offline, args.district, findings, args.artifacts);
  await checkWithoutJs(args.online, args.district, findings);
  if (findings.list.length) {
    console.log(`\n${findings.list.length} finding(s):`);
    for (const f of findings.list) console.log(`- ${f}`);
    process.exit(1);
  }
  console.log("All search checks passed.");
}

setTimeout(() => { console.error("search checks timed out after 5 minutes"); process.exit(3); }, 5 * 60 * 1000).unref();
main().catch((e) => { console.error(e); process.exit(2); });
