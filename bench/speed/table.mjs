// Prints the speed benchmark's Markdown table from results.json (written by
// run.mjs), with each library's transfer size (gzip -9 of its JS and CSS).
//
//   node table.mjs results.json
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const r = JSON.parse(fs.readFileSync(process.argv[2] || path.join(here, "results.json")));
const FILES = {
  lotse: ["dist/lotse/lotse.js", "dist/lotse/lotse_widget.js", "dist/lotse/lotse_widget_bg.wasm"],
  driver: ["driver.js/dist/driver.js.iife.js", "driver.js/dist/driver.css"],
  shepherd: ["shepherd.js/dist/js/shepherd.mjs", "shepherd.js/dist/css/shepherd.css"],
  intro: ["intro.js/minified/intro.min.js", "intro.js/minified/introjs.min.css"],
};
const gz = (lib) => FILES[lib]
  .map((f) => (lib === "lotse" ? path.join(root, f) : path.join(here, "node_modules", f)))
  .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
const NAMES = { lotse: "Lotse", driver: "Driver.js " + r.versions["driver.js"],
  shepherd: "Shepherd.js " + r.versions["shepherd.js"], intro: "Intro.js " + r.versions["intro.js"], none: "no tour" };
const FRAME = 1000 / 60;
const ms = (x) => (x === null ? "n/a" : `${Math.round(x)} ms`);
const frames = (x) => (x === null ? "n/a" : `${Math.round(x)} ms (${(x / FRAME).toFixed(1)} fr)`);
const m = r.medians;
const none = m.none;
const rows = ["lotse", "driver", "shepherd", "intro"].filter((lib) => m[lib]).map((lib) => {
  const x = m[lib];
  const scroll = `${Math.round(x.scrollMs)} ms (${x.scrollMs >= none.scrollMs ? "+" : ""}${Math.round((x.scrollMs / none.scrollMs - 1) * 100)}%)`;
  return `| ${NAMES[lib]} | ${(gz(lib) / 1024).toFixed(1)} KiB | ${ms(x.first)} | ${ms(x.firstSettled)} | ${frames(x.next)} | ${ms(x.nextSettled)} | ${scroll} | ${Math.round(x.heapKb - none.heapKb)} KiB | ${(x.wasmKb / 1024).toFixed(2)} MiB | ${x.elements} |`;
});
const cpu = (os.cpus()[0] || {}).model || os.arch();
console.log(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} cores, ${os.type()} ${os.release()}), ${r.chromium} headless, Node ${r.node}, puppeteer-core ${r.versions["puppeteer-core"]}; medians of ${r.runs} fresh page loads each (new browser context per load, round-robin order).

| library | transfer (gzip -9, JS+CSS+wasm) | first step visible | first step settled | \`next\` -> far step visible | far step settled | main-thread time, 60 scroll increments | JS heap added | wasm memory | elements added |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}
| no tour | - | - | - | - | - | ${Math.round(none.scrollMs)} ms | - | - | - |`);
const failed = Object.entries(r.failures).filter(([, n]) => n > 0);
if (failed.length) console.log(`\nLoads where the first step never became visible: ${failed.map(([l, n]) => `${NAMES[l]} ${n}`).join(", ")}.`);
