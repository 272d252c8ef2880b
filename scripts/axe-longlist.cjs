// Run by scripts/axe-longlist.sh: axe-core over the sample longlist site in headless Chromium.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const site = path.resolve(process.argv[2]);
const url = (rel) => "file://" + path.join(site, rel);
const pages = ["index.html", ...fs.readdirSync(path.join(site, "ideas")).map((f) => "ideas/" + f)];

async function axe(page, label) {
  // Injected over DevTools, which the page's CSP does not govern; the page's own script has
  // already run under it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    }),
  );
  for (const v of result.violations) {
    console.log(`  ${label}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes) console.log(`      ${n.target.join(" ")}: ${n.failureSummary.split("\n").join(" ")}`);
  }
  console.log(`${label}: ${result.passes.length} rules passed, ${result.violations.length} violated`);
  return result.violations.length;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--allow-file-access-from-files"],
  });
  let failures = 0;
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    for (const rel of pages) {
      await page.goto(url(rel), { waitUntil: "load" });
      failures += await axe(page, rel);
    }

    // The search and filters work from file:// under the site's own CSP.
    await page.goto(url("index.html"), { waitUntil: "load" });
    const shownForm = await page.$eval("#filters", (f) => !f.hidden);
    if (!shownForm) { console.log("the filters stayed hidden: the inline script did not run"); failures += 1; }
    const count = () => page.$eval("#result-count", (e) => e.textContent);
    const before = await count();
    await page.type("#search", "land");
    await new Promise((r) => setTimeout(r, 400));
    const after = await count();
    const visible = await page.$$eval("#ideas > li", (l) => l.filter((i) => !i.hidden).length);
    console.log(`search "land": "${before}" -> "${after}", ${visible} shown`);
    if (!/^Showing 1 of \d+ ideas$/.test(after) || visible !== 1) failures += 1;
    await page.click("#clear");
    await page.select("#stage", "Winner");
    const winners = await count();
    console.log(`filter stage = Winner: "${winners}"`);
    if (!/^Showing 1 of/.test(winners)) failures += 1;
    failures += await axe(page, "index.html (filtered)");
    if (process.env.SCREENSHOT) {
      await page.click("#clear");
      await page.setViewport({ width: 1024, height: 1400 });
      await page.screenshot({ path: process.env.SCREENSHOT, fullPage: false });
    }
  } finally {
    await browser.close();
  }
  if (errors.length) { console.log("console errors (a CSP refusal shows here):\n  " + errors.join("\n  ")); failures += errors.length; }
  console.log(failures === 0 ? "axe-core: no violations" : `axe-core: ${failures} problem(s)`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
