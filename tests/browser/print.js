#!/usr/bin/env node
// Prints one built page (a poster, a leaflet) in Chromium:
//   node print.js ROOT REL OUT
// (ROOT is served on 127.0.0.1, since the page's CSP allows only its own origin)
// writes OUT.pdf (the page size its print CSS asks for), OUT.png (a picture
// of the printed sheets at 96 dpi, in colour) and OUT-bw.png (the same in
// black and white), and prints `pages N SIZE`, SIZE being `A4`, `A4-landscape`
// or the pages' sizes in points as the PDF states them, then a line
// `overflow SELECTOR` for each part of a sheet whose content does not fit it.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const { chromium } = require("playwright-core");

function serve(root) {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    if (fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    const type = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml" }[path.extname(file)];
    res.writeHead(200, { "Content-Type": type || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const [root, rel, out] = process.argv.slice(2);
  const server = await serve(path.resolve(root));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loa-print-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.LOA_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/${rel}`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(out + ".pdf", pdf);
    const text = pdf.toString("latin1");
    const pages = (text.match(/\/Type\s*\/Page\b/g) || []).length;
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
      .map((m) => [Math.round(m[3] - m[1]), Math.round(m[4] - m[2])]);
    const near = (a, b) => Math.abs(a - b) <= 2;
    const sizes = [...new Set(boxes.map(([w, h]) =>
      near(w, 595) && near(h, 842) ? "A4" : near(w, 842) && near(h, 595) ? "A4-landscape" : `${w}x${h}pt`))];
    // The printed sheets as a picture: print styles, the sheet's width.
    await page.emulateMedia({ media: "print" });
    const landscape = sizes.length === 1 && sizes[0] === "A4-landscape";
    await page.setViewportSize(landscape ? { width: 1123, height: 794 } : { width: 794, height: 1123 });
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll(".sheet, .leaflet-panel, .leaflet-columns")]
        .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.className));
    await page.screenshot({ path: out + ".png", fullPage: true });
    await page.evaluate(() => { document.documentElement.style.filter = "grayscale(1)"; });
    await page.screenshot({ path: out + "-bw.png", fullPage: true });
    console.log(`pages ${pages} ${sizes.join(",")}`);
    for (const o of overflow) console.log(`overflow ${o}`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
    server.close();
  }
}
main().catch((e) => { console.error(e); process.exit(2); });
