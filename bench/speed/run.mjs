// Lotse's speed benchmark against Driver.js, Shepherd.js and Intro.js in
// headless Chromium (scripts/bench-speed.sh runs it). Serves site/,
// node_modules/ and dist/lotse/ from a small static server on 127.0.0.1 and,
// per library, measures RUNS fresh page loads (a new browser context each,
// so nothing is cached), printing medians as JSON on stdout.
//
//   node run.mjs [runs]
//   LIBS=none,lotse node run.mjs 5   (a subset while iterating)
//   LOTSE_B=/tmp/dist-before node run.mjs 15   (before/after: a second
//     bundle folder measured as "lotseB" in the same round-robin, against
//     dist/lotse/ (or LOTSE_A); prints the paired differences on stderr)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const RUNS = Number(process.argv[2] || 15);
const LOTSE_A = process.env.LOTSE_A || path.join(root, "dist/lotse");
const LOTSE_B = process.env.LOTSE_B;
const LIBS = (process.env.LIBS || (LOTSE_B ? "none,lotse,lotseB" : "none,lotse,driver,shepherd,intro")).split(",");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SCROLLS = 60;
const SCROLL_PX = 50;

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function metric(cdp, name) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === name).value;
}

async function heap(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  return metric(cdp, "JSHeapUsedSize");
}

// One fresh page load of `lib`: first step, next step (far target), memory
// and elements added, then main-thread time over 60 scroll increments.
async function once(browser, base, lib) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const cdp = await page.createCDPSession();
    await cdp.send("Performance.enable");
    await page.goto(base + "/bench/page.html", { waitUntil: "load" });
    await page.evaluate(() => window.bench.frames(5)); // an already rendered page
    const heap0 = await heap(cdp);
    const elements0 = await page.evaluate(() => window.bench.elements());
    const first = await page.evaluate((l) => window.bench.start(l), lib);
    const heap1 = await heap(cdp);
    const elements1 = await page.evaluate(() => window.bench.elements());
    const wasm = await page.evaluate(() => window.bench.wasmMemory());
    const next = lib === "none" ? { visible: 0, settled: 0 } : await page.evaluate(() => window.bench.next(2));
    // Scroll from the top with step 2 open: 60 wheel increments, one per frame.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => window.bench.frames(10));
    await page.mouse.move(640, 400);
    const task0 = await metric(cdp, "TaskDuration");
    for (let i = 0; i < SCROLLS; i++) {
      await page.mouse.wheel({ deltaY: SCROLL_PX });
      await page.evaluate(() => window.bench.frames(1));
    }
    await page.evaluate(() => window.bench.frames(10));
    const scrollMs = (await metric(cdp, "TaskDuration") - task0) * 1000;
    const scrolled = await page.evaluate(() => window.scrollY);
    return {
      first: first.visible, firstSettled: first.settled, next: next.visible, nextSettled: next.settled,
      scrollMs, scrolled, heapKb: (heap1 - heap0) / 1024, wasmKb: wasm / 1024,
      elements: elements1 - elements0, errors,
    };
  } finally {
    await context.close();
  }
}

const server = await serve({ "/lotse/": LOTSE_A, ...(LOTSE_B ? { "/lotseB/": path.resolve(LOTSE_B) } : {}) });
const base = "http://127.0.0.1:" + server.address().port;
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-extensions"],
});
const results = Object.fromEntries(LIBS.map((l) => [l, []]));
try {
  // Round-robin, so noise from other work on the machine is spread evenly.
  await once(browser, base, "lotse"); // warm-up, not counted
  for (let run = 0; run < RUNS; run++) {
    for (const lib of LIBS) {
      const r = await once(browser, base, lib);
      if (r.errors.length) console.error(lib + ": " + r.errors.join(" | "));
      results[lib].push(r);
    }
    process.stderr.write(`run ${run + 1}/${RUNS}\n`);
  }
} finally {
  await browser.close();
  server.close();
}
const keys = ["first", "firstSettled", "next", "nextSettled", "scrollMs", "scrolled", "heapKb", "wasmKb", "elements"];
const summary = {
  runs: RUNS,
  chromium: (await import("node:child_process")).execFileSync(CHROMIUM, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  node: process.version,
  versions: Object.fromEntries(["driver.js", "shepherd.js", "intro.js", "puppeteer-core"].map((p) =>
    [p, JSON.parse(fs.readFileSync(path.join(here, "node_modules", p, "package.json"))).version])),
  medians: Object.fromEntries(LIBS.map((l) =>
    [l, Object.fromEntries(keys.map((k) => [k, median(results[l].map((r) => r[k]))]))])),
  scrollMs: Object.fromEntries(LIBS.map((l) => [l, results[l].map((r) => Math.round(r.scrollMs))])),
  failures: Object.fromEntries(LIBS.map((l) => [l, results[l].filter((r) => r.first === null).length])),
};
console.log(JSON.stringify(summary, null, 2));
if (results.lotse && results.lotseB) {
  // Paired by run (the same moment of the machine's load): B minus A.
  const diff = (k) => median(results.lotse.map((a, i) => results.lotseB[i][k] - a[k]));
  const m = summary.medians;
  const none = m.none || { heapKb: 0, scrollMs: NaN };
  const line = (name, x) => `${name}: heap ${Math.round(x.heapKb - none.heapKb)} KiB, scroll ${Math.round(x.scrollMs)} ms ` +
    `(${Math.round((x.scrollMs / none.scrollMs - 1) * 100)}% vs no tour ${Math.round(none.scrollMs)} ms), first ${Math.round(x.first)} ms, ` +
    `next ${Math.round(x.next)} ms, wasm ${(x.wasmKb / 1024).toFixed(2)} MiB, elements ${x.elements}`;
  process.stderr.write(`A (${LOTSE_A}) ${line("", m.lotse)}\nB (${LOTSE_B}) ${line("", m.lotseB)}\n` +
    `B-A paired medians: heap ${diff("heapKb").toFixed(1)} KiB, scroll ${diff("scrollMs").toFixed(1)} ms, first ${diff("first").toFixed(1)} ms\n`);
}
