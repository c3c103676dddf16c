#!/usr/bin/env node
// loa's browser checks: serves built sites on 127.0.0.1 and drives Debian's
// Chromium (through playwright-core) with axe-core. Every finding is printed
// and makes the run fail.
//
//   node run.js --site [NAME=]DIR [--site …] [--desk URL] [--districts a,b] [--artifacts DIR]
//
// DIR is a `public/` folder written by `loa build`. The checks:
//  - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice):
//    zero violations on every page of the chosen districts, both languages,
//    at 360 px and 1280 px (and in dark mode at 360 px);
//  - no request leaves the page's own origin; no console or CSP errors;
//  - at 320 px, no horizontal scrolling;
//  - HTML + CSS + JS of each page, plus the lead picture it loads at once,
//    under 50 KB (every other picture is lazy, and checked to be, so it is
//    outside the budget);
//  - on pages with photos (news) at 360 px: only the first picture may be
//    eager, and then with fetchpriority=high (the lead picture), every
//    other lazy, all with width and height, and no layout shift
//    (CLS ≤ 0.01) while they load;
//  - call buttons at least 44 px tall, other targets at least 24 px;
//  - at 360 px, the first line of the h1 (or of a notice the page puts
//    before it), the quick exit and the pinned call buttons within the
//    first 360 px (the header gets out of the way);
//  - quick exit by click and by Shift ×3 lands on the exit URL, Back does
//    not return, another key resets the count; a plain link without JS;
//  - with JavaScript off every page shows its content and its links work;
//  - the hotline page prints on one A4 page;
//  - screenshots of home, a skill and the hotline page at 320, 360, 1280 px;
//  - with --desk URL, the editor's desk of a running `loa serve` in each of
//    its languages: axe at 360/1280 px and dark, reflow at 320 px, the skip
//    link by keyboard, content without JavaScript, a screenshot; and every
//    call sheet it links: axe at 360/1280 px, reflow at 320 px, a picture
//    of one printed on A4.
"use strict";

const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const BUDGET = 50 * 1024;
const CHROMIUM = process.env.LOA_CHROMIUM || "/usr/bin/chromium";

function parseArgs(argv) {
  const args = { sites: [], desks: [], districts: null, artifacts: null, limit: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--site") {
      const value = argv[++i];
      const named = value.match(/^([\w-]+)=(.*)$/);
      args.sites.push(named ? { name: named[1], root: path.resolve(named[2]) } : { name: path.basename(path.dirname(path.resolve(value))), root: path.resolve(value) });
    }
    else if (a === "--districts") args.districts = argv[++i].split(",");
    else if (a === "--desk") args.desks.push(argv[++i]);
    else if (a === "--artifacts") args.artifacts = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.sites.length && !args.desks.length) throw new Error("give at least one --site DIR or --desk URL");
  return args;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".xml": "application/xml", ".webp": "image/webp", ".woff2": "font/woff2",
};

/** A static server for one folder, on a free port of 127.0.0.1. */
function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end("not found"); }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function htmlPages(dir) {
  const out = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "index.html") out.push(path.relative(dir, p));
    }
  })(dir);
  return out;
}

function urlFor(rel) {
  return "/" + rel.replace(/index\.html$/, "").split(path.sep).join("/");
}

async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loa-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
    ...options,
  });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(15000);
  return { context, dir };
}

async function close({ context, dir }) {
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

class Findings {
  constructor() { this.list = []; }
  add(where, what) { this.list.push(`${where}: ${what}`); }
}

/** Loads `url` and records requests, bytes and console errors. */
async function load(page, url, origin) {
  const record = { foreign: [], bytes: 0, errors: [], images: new Map() };
  const onRequest = (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith("data:")) record.foreign.push(u);
  };
  const onResponse = async (res) => {
    const type = res.request().resourceType();
    if (["document", "stylesheet", "script"].includes(type)) {
      try { record.bytes += (await res.body()).length; } catch (_) { /* redirected */ }
    } else if (type === "image") {
      try { record.images.set(res.url(), (await res.body()).length); } catch (_) { /* redirected */ }
    }
  };
  const onConsole = (msg) => { if (msg.type() === "error") record.errors.push(msg.text()); };
  page.on("request", onRequest);
  page.on("response", onResponse);
  page.on("console", onConsole);
  page.on("pageerror", (e) => record.errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(20);
  page.off("request", onRequest);
  page.off("response", onResponse);
  page.off("console", onConsole);
  return record;
}

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }, AXE_TAGS);
}

async function checkPages(site, findings, args) {
  const server = await serve(site.root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const page = await browser.context.newPage();
  let checked = 0;
  const photoPages = new Set();
  try {
    for (const rel of site.pages) {
      const url = origin + urlFor(rel);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const rec = await load(page, url, origin);
        const where = `${site.name}${urlFor(rel)} @${width}`;
        for (const v of await axe(page)) findings.add(where, `axe ${v}`);
        for (const f of rec.foreign) findings.add(where, `request outside the site: ${f}`);
        for (const e of rec.errors) findings.add(where, `console error: ${e}`);
        if (width === 360) {
          // The pictures the page loads at once count: the lead picture.
          const eagerSrcs = await page.evaluate(() => [...document.querySelectorAll("img")]
            .filter((i) => i.loading !== "lazy").map((i) => i.currentSrc || i.src));
          const eagerBytes = eagerSrcs.reduce((sum, u) => sum + (rec.images.get(u) || 0), 0);
          const weight = rec.bytes + eagerBytes;
          if (weight > BUDGET) findings.add(where, `page weight ${weight} bytes (${eagerBytes} of them pictures loaded at once) is over ${BUDGET}`);
          site.heaviest = Math.max(site.heaviest || 0, weight);
          site.leadPicture = Math.max(site.leadPicture || 0, eagerBytes);
          const small = await page.evaluate(() => [...document.querySelectorAll("a.call")]
            .filter((a) => a.getBoundingClientRect().height < 44 && a.offsetParent !== null)
            .map((a) => `${a.textContent.trim()} is ${a.getBoundingClientRect().height}px tall`));
          for (const s of small) findings.add(where, `call button too small: ${s}`);
          // The header gets out of the way: the first line of the page's
          // title is on the first screen of a 360 px phone.
          const h1 = await page.evaluate(() => {
            const h = document.querySelector("h1");
            if (!h) return null;
            const range = document.createRange();
            range.selectNodeContents(h);
            const first = range.getClientRects()[0] || h.getBoundingClientRect();
            // A notice the page puts before its title (not translated yet,
            // example content) is what must be in sight then.
            const notice = [...document.querySelectorAll("main .notice")]
              .find((n) => n.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
            if (notice) return Math.min(first.bottom, notice.getBoundingClientRect().top + 40) + window.scrollY;
            return first.bottom + window.scrollY;
          });
          if (h1 === null) findings.add(where, "no h1");
          else if (h1 > 360) findings.add(where, `the h1's first line ends ${Math.round(h1)} px down, below the first 360 px`);
          // The quick exit and the pinned call buttons stay in view.
          const hidden = await page.evaluate(() => [document.querySelector("#quick-exit"), ...document.querySelectorAll(".pinned a.call")]
            .filter((a) => a && (a.offsetParent === null || a.getBoundingClientRect().bottom > 360)).map((a) => a.textContent.trim()));
          for (const h of hidden) findings.add(where, `not in the first 360 px: ${h}`);
          // Pages with photos (news): the lead picture (the first, with
          // fetchpriority=high) may load at once, every other is lazy (so
          // outside the page budget), all with their size reserved, and
          // nothing moves while the pictures load, scrolled through to the
          // end.
          if (await page.$("main picture")) {
            const wrong = await page.evaluate(() => [...document.querySelectorAll("main img")]
              .filter((i, k) => !i.getAttribute("width") || !i.getAttribute("height")
                || (i.loading !== "lazy" && (k > 0 || i.getAttribute("fetchpriority") !== "high")))
              .map((i) => i.currentSrc || i.src));
            for (const e of wrong) findings.add(where, `picture not lazy (and not the lead picture) or without width/height: ${e}`);
            const shift = await page.evaluate(async () => {
              let total = 0;
              new PerformanceObserver((list) => {
                for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
              }).observe({ type: "layout-shift", buffered: true });
              for (let y = 0; y <= document.documentElement.scrollHeight; y += 300) {
                window.scrollTo(0, y);
                await new Promise((r) => setTimeout(r, 50));
              }
              await Promise.all([...document.images].map((i) => i.complete ? null : new Promise((r) => { i.onload = r; i.onerror = r; })));
              await new Promise((r) => setTimeout(r, 100));
              window.scrollTo(0, 0);
              return total;
            });
            if (shift > 0.01) findings.add(where, `layout shift ${shift.toFixed(3)} while pictures load`);
            photoPages.add(rel);
          }
          await page.emulateMedia({ colorScheme: "dark" });
          for (const v of await axe(page)) findings.add(`${where} dark`, `axe ${v}`);
          await page.emulateMedia({ colorScheme: "light" });
          await page.setViewportSize({ width: 320, height: 900 });
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scroll > 320) findings.add(`${site.name}${urlFor(rel)} @320`, `scrolls sideways: scrollWidth ${scroll}`);
        }
      }
      checked++;
    }
  } finally {
    await close(browser);
    server.close();
  }
  if (site.needsPhotos && photoPages.size === 0) findings.add(site.name, "no page with photos was checked");
  return checked;
}

async function checkWithoutJs(site, findings) {
  const server = await serve(site.root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch({ javaScriptEnabled: false });
  const page = await browser.context.newPage();
  try {
    for (const rel of site.pages) {
      const url = origin + urlFor(rel);
      await page.goto(url);
      const where = `${site.name}${urlFor(rel)} (no JS)`;
      const text = await page.evaluate(() => {
        const main = document.querySelector("main");
        return main ? main.innerText.trim().length : 0;
      });
      if (text < 20) findings.add(where, "the main content is missing or empty");
      const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")]
        .map((a) => a.href).filter((h) => h.startsWith(location.origin)));
      for (const link of [...new Set(links)]) {
        const res = await page.request.get(link.split("#")[0]);
        if (res.status() !== 200) findings.add(where, `link ${link} answers ${res.status()}`);
      }
      const exit = await page.$("#quick-exit");
      const rel_ = exit && (await exit.getAttribute("rel"));
      if (!exit || rel_ !== "noreferrer nofollow") findings.add(where, `quick exit is not a plain noreferrer link (rel=${rel_})`);
    }
    // Without JS the exit is a plain link that still leaves.
    const first = site.pages.find((p) => p.includes("skills")) || site.pages[0];
    const exitUrl = await stubExit(browser.context, page, origin + urlFor(first));
    await page.click("#quick-exit");
    await page.waitForURL((u) => u.href.startsWith(exitUrl), { timeout: 5000 });
  } catch (e) {
    findings.add(`${site.name} (no JS)`, String(e));
  } finally {
    await close(browser);
    server.close();
  }
}

/** Serves the quick-exit URL from a local stub; returns it. */
async function stubExit(context, page, url) {
  await page.goto(url);
  const exitUrl = await page.getAttribute("#quick-exit", "href");
  await context.route(exitUrl + "**", (route) => route.fulfill({ contentType: "text/html", body: "<title>weather</title><p>Weather stub</p>" }));
  return exitUrl;
}

async function checkQuickExit(site, findings) {
  const server = await serve(site.root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const context = browser.context;
  const page = await context.newPage();
  const target = site.pages.find((p) => p.includes("skills") && p.split(path.sep).length > 3) || site.pages[0];
  const url = origin + urlFor(target);
  const before = origin + "/";
  try {
    const exitUrl = await stubExit(context, page, url);
    const tries = {
      click: async () => page.click("#quick-exit"),
      "Shift ×3": async () => { for (let i = 0; i < 3; i++) await page.keyboard.press("Shift"); },
    };
    for (const [how, act] of Object.entries(tries)) {
      await page.goto(before);
      await page.goto(url);
      await act();
      await page.waitForURL((u) => u.href.startsWith(exitUrl), { timeout: 5000 });
      await page.goBack({ timeout: 3000 }).catch(() => null);
      await page.waitForTimeout(200);
      if (page.url() === url) findings.add(`quick exit by ${how}`, "Back returned to the campaign page");
    }
    // Tab order: skip to content, skip to the exit, then the exit itself.
    await page.goto(url);
    const order = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute("href")));
    }
    if (order.join(",") !== "#main,#quick-exit,quick-exit") findings.add("quick exit", `tab order is ${order.join(", ")}`);
    // Shift twice, another key, Shift once: no exit; the status speaks.
    await page.goto(url);
    await page.keyboard.press("Shift");
    const status1 = await page.textContent("#exit-status");
    if (!status1 || !status1.trim()) findings.add("quick exit", "no screen-reader status after one Shift press");
    await page.keyboard.press("Shift");
    await page.keyboard.press("a");
    await page.keyboard.press("Shift");
    await page.waitForTimeout(300);
    if (page.url() !== url) findings.add("quick exit", "another key did not reset the Shift count");
    // The exit covers the page at once; a page the browser restores from
    // its cache is uncovered. `window.stop()` cancels the navigation so the
    // covered page can be inspected.
    await page.goto(url);
    await page.evaluate(() => { document.getElementById("quick-exit").click(); window.stop(); });
    const covered = await page.evaluate(() => {
      const overlay = document.querySelector(".exit-overlay");
      return overlay !== null && getComputedStyle(overlay).position === "fixed"
        && getComputedStyle(document.querySelector("main")).visibility === "hidden";
    });
    if (!covered) findings.add("quick exit", "the page was not hidden at once behind an overlay");
    const uncovered = await page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
      return document.querySelector(".exit-overlay") === null
        && getComputedStyle(document.querySelector("main")).visibility === "visible";
    });
    if (!uncovered) findings.add("quick exit", "the overlay stays when the page is restored (pageshow)");
    // Printed pages leave the quick exit out.
    await page.goto(url).catch(() => null);
    await page.emulateMedia({ media: "print" });
    if (await page.isVisible("#quick-exit")) findings.add("quick exit", "shown when printed");
    await page.emulateMedia({ media: "screen" });
  } catch (e) {
    findings.add("quick exit", String(e));
  } finally {
    await close(browser);
    server.close();
  }
}

async function checkPrintAndScreenshots(site, findings, artifacts) {
  const server = await serve(site.root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const page = await browser.context.newPage();
  try {
    for (const rel of site.pages.filter((p) => /(^|\/)hotlines\/index\.html$/.test(p.split(path.sep).join("/")))) {
      await page.goto(origin + urlFor(rel));
      const pdf = await page.pdf({ format: "A4" });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) || []).length;
      if (pages !== 1) findings.add(`${site.name}${urlFor(rel)} print`, `prints on ${pages} A4 pages, not 1`);
      if (artifacts) fs.writeFileSync(path.join(artifacts, `${site.name}-${rel.split(path.sep).join("-")}.pdf`), pdf);
    }
    if (artifacts) {
      const wanted = site.pages.filter((p) => {
        const parts = p.split(path.sep);
        const inner = parts.slice(parts[1] === "en" ? 2 : 1).join("/");
        return inner === "index.html" || inner === "hotlines/index.html"
          || (inner.startsWith("skills/") && inner.split("/").length === 3);
      });
      const seen = new Set();
      for (const rel of wanted) {
        const parts = rel.split(path.sep);
        const lang = parts[1] === "en" ? "en" : "vi";
        const inner = parts.slice(lang === "en" ? 2 : 1).join("/");
        const kind = inner === "index.html" ? "home" : inner.startsWith("hotlines") ? "hotlines" : "skill";
        const key = `${parts[0]}-${lang}-${kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const width of [320, 360, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(origin + urlFor(rel));
          await page.screenshot({ path: path.join(artifacts, `${site.name}-${key}-${width}.png`), fullPage: true });
        }
      }
    }
  } catch (e) {
    findings.add(`${site.name} print`, String(e));
  } finally {
    await close(browser);
    server.close();
  }
}

/** The editor's desk of a running `loa serve` at `url`, in every language
 * it offers: axe at 360 and 1280 px (and dark), reflow at 320 px, usable
 * without JavaScript, and reachable by keyboard from the skip link. */
async function checkDesk(url, findings, artifacts) {
  const origin = new URL(url).origin;
  const browser = await launch();
  const page = await browser.context.newPage();
  let checked = 0;
  try {
    await page.goto(url);
    const others = await page.evaluate(() => [...document.querySelectorAll(".desk-languages a")].map((a) => a.href));
    for (const target of [url, ...others]) {
      const lang = new URL(target).searchParams.get("lang") || "default";
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const rec = await load(page, target, origin);
        const where = `desk ${lang} @${width}`;
        for (const v of await axe(page)) findings.add(where, `axe ${v}`);
        for (const f of rec.foreign) findings.add(where, `request outside the preview: ${f}`);
        for (const e of rec.errors) findings.add(where, `console error: ${e}`);
        if (width === 360) {
          await page.emulateMedia({ colorScheme: "dark" });
          for (const v of await axe(page)) findings.add(`${where} dark`, `axe ${v}`);
          await page.emulateMedia({ colorScheme: "light" });
          if (artifacts) await page.screenshot({ path: path.join(artifacts, `desk-${lang}-360.png`), fullPage: true });
          await page.setViewportSize({ width: 320, height: 900 });
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scroll > 320) findings.add(`desk ${lang} @320`, `scrolls sideways: scrollWidth ${scroll}`);
        }
      }
      // Keyboard: the first Tab reaches the skip link, which leads to the main content.
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => document.activeElement && document.activeElement.className);
      if (first !== "skip-link") findings.add(`desk ${lang}`, `the first Tab reaches ${first}, not the skip link`);
      await page.keyboard.press("Enter");
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      if (focused !== "main") findings.add(`desk ${lang}`, `the skip link leaves focus on ${focused}`);
      checked++;
    }
    // The call sheets the desk links: axe at 360 and 1280 px, reflow at
    // 320 px, and a picture of one as printed on A4.
    await page.goto(url);
    const sheets = await page.evaluate(() => [...document.querySelectorAll("a.desk-calls")].map((a) => a.href));
    for (const target of sheets) {
      const where = `call sheet ${new URL(target).pathname}${new URL(target).search}`;
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const rec = await load(page, target, origin);
        for (const v of await axe(page)) findings.add(`${where} @${width}`, `axe ${v}`);
        for (const f of rec.foreign) findings.add(`${where} @${width}`, `request outside the preview: ${f}`);
        for (const e of rec.errors) findings.add(`${where} @${width}`, `console error: ${e}`);
      }
      await page.setViewportSize({ width: 320, height: 900 });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > 320) findings.add(`${where} @320`, `scrolls sideways: scrollWidth ${scroll}`);
    }
    if (artifacts && sheets.length) {
      await page.goto(sheets[0]);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: path.join(artifacts, "call-sheet-print.png"), fullPage: true });
      await page.emulateMedia({ media: "screen" });
    }
    console.log(`call sheets: ${sheets.length} checked`);
  } finally {
    await close(browser);
  }
  const plain = await launch({ javaScriptEnabled: false });
  try {
    const page2 = await plain.context.newPage();
    await page2.goto(url);
    const text = await page2.evaluate(() => (document.querySelector("main") || { innerText: "" }).innerText.trim().length);
    if (text < 100) findings.add("desk (no JS)", "the desk is empty without JavaScript");
  } finally {
    await close(plain);
  }
  return checked;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.artifacts) fs.mkdirSync(args.artifacts, { recursive: true });
  const findings = new Findings();
  let total = 0;
  for (const { name, root } of args.sites) {
    const districts = fs.readdirSync(root, { withFileTypes: true })
      // District folders: the portal's language folders (`en/atom.xml`)
      // have no pages.
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, "index.html"))
        && (!args.districts || args.districts.includes(e.name)))
      .map((e) => e.name).sort().slice(0, args.districts ? undefined : 2);
    const pages = ["index.html"];
    for (const d of districts) pages.push(...htmlPages(path.join(root, d)).map((p) => path.join(d, p)));
    // The bundled campaign's news has photos: they must be checked.
    const site = { name, root, pages, needsPhotos: name === "hanoi" };
    const started = Date.now();
    total += await checkPages(site, findings, args);
    await checkWithoutJs(site, findings);
    await checkQuickExit(site, findings);
    await checkPrintAndScreenshots(site, findings, args.artifacts);
    console.log(`${site.name}: ${pages.length} pages of ${districts.join(", ")} checked in ${((Date.now() - started) / 1000).toFixed(1)} s; heaviest page at 360 px ${site.heaviest} bytes with the pictures it loads at once (largest lead picture ${site.leadPicture} bytes)`);
    if (site.needsPhotos && !site.leadPicture) findings.add(site.name, "no lead picture was loaded at once, so none was weighed");
  }
  for (const url of args.desks) {
    const started = Date.now();
    const n = await checkDesk(url, findings, args.artifacts);
    total += n;
    console.log(`desk: ${n} language(s) checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (findings.list.length) {
    console.log(`\n${findings.list.length} finding(s):`);
    for (const f of findings.list) console.log(`- ${f}`);
    process.exit(1);
  }
  console.log(`All browser checks passed (${total} pages).`);
}

module.exports = { serve, launch, close, axe, stubExit, Findings, urlFor };

if (require.main === module) {
  // A hung browser must not hang CI.
  setTimeout(() => { console.error("browser checks timed out after 15 minutes"); process.exit(3); }, 15 * 60 * 1000).unref();
  main().catch((e) => { console.error(e); process.exit(2); });
}
