#!/usr/bin/env node
// The preview's error overlay and the desk's findings as Chromium shows
// them (issue 23):
//   node staff.js --page http://127.0.0.1:PORT/quan-a/ --desk http://127.0.0.1:PORT/
// Opens the page (the last change broke the campaign, so the overlay
// shows) and the desk, and prints one JSON object: the overlay's `lang`
// and text, and the text of each finding on the desk.
"use strict";

const { chromium } = require("playwright-core");

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const need of ["page", "desk"]) {
    if (!args[need]) throw new Error(`--${need} is needed`);
  }
  return args;
}

(async () => {
  const args = parseArgs(process.argv.slice(2));
  const browser = await chromium.launch({
    executablePath: process.env.LOA_CHROMIUM || "/usr/bin/chromium",
  });
  try {
    const page = await browser.newPage();
    await page.goto(args.page);
    const overlay = page.locator("#loa-errors");
    await overlay.waitFor({ state: "visible", timeout: 10000 });
    const result = {
      overlayLang: await overlay.getAttribute("lang"),
      overlay: await overlay.innerText(),
    };
    await page.goto(args.desk);
    result.desk = await page.locator(".desk-finding").allInnerTexts();
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
