#!/usr/bin/env node
// Prints one built page (a poster) in Chromium:
//   node print.js ROOT REL OUT
// (ROOT is served on 127.0.0.1, since the page's CSP allows only its own origin)
// writes OUT.pdf (A4, print CSS), OUT.png (a 150 dpi picture of the printed
// page, in colour) and OUT-bw.png (the same in black and white), and prints
// `pages N A4`.
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
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    fs.writeFileSync(out + ".pdf", pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) || []).length;
    // The printed page as a picture: A4 at 150 dpi, print styles.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: out + ".png", fullPage: true });
    await page.evaluate(() => { document.documentElement.style.filter = "grayscale(1)"; });
    await page.screenshot({ path: out + "-bw.png", fullPage: true });
    console.log(`pages ${pages} A4`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
    server.close();
  }
}
main().catch((e) => { console.error(e); process.exit(2); });
