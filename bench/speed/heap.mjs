// Where the JS heap the widget adds goes: a V8 heap snapshot of the bench
// page before the widget is added and one with the first step open; the
// nodes only in the second (V8 keeps node ids across snapshots of one
// page) are summed by node type and by type + name (constructor, function
// or system name), biggest first. Medians are not needed: one load shows
// the shape (run.mjs measures the totals).
//
//   node heap.mjs [dist folder, default ../../dist/lotse] [top N rows, default 40]
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { serve } from "./serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] || path.join(here, "../../dist/lotse"));
const TOP = Number(process.argv[3] || 40);

async function snapshot(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false, captureNumericValue: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  const s = JSON.parse(chunks.join(""));
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [T, N, I, S] = ["type", "name", "id", "self_size"].map((f) => fields.indexOf(f));
  const nodes = new Map();
  const list = [];
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const node = { type: types[s.nodes[i + T]], name: s.strings[s.nodes[i + N]], size: s.nodes[i + S], by: null };
    nodes.set(s.nodes[i + I], node);
    list.push(node);
  }
  // The first retainer of each node (edge name and the retainer's name),
  // to tell what an anonymous array belongs to.
  const efields = s.snapshot.meta.edge_fields;
  const etypes = s.snapshot.meta.edge_types[0];
  const [EC, ET, EN, TO] = [fields.indexOf("edge_count"), efields.indexOf("type"), efields.indexOf("name_or_index"), efields.indexOf("to_node")];
  let e = 0;
  list.forEach((from, k) => {
    const count = s.nodes[k * fields.length + EC];
    for (let j = 0; j < count; j++, e += efields.length) {
      const to = list[s.edges[e + TO] / fields.length];
      const kind = etypes[s.edges[e + ET]];
      if (to.by || kind === "weak") continue;
      const edge = ["element", "hidden"].includes(kind) ? "[]" : s.strings[s.edges[e + EN]];
      to.by = from.name ? `${from.name.slice(0, 40)}${/^\d+$/.test(edge) ? "" : "." + edge}` : "(anonymous)";
    }
  });
  return nodes;
}

// Nodes a snapshot shows that are not in V8's JS heap (what run.mjs's
// JSHeapUsedSize counts): Blink's own C++ objects, array buffer and
// external string contents, the compiled wasm module.
const outside = (n) => /^(blink::|cppgc::|v8::|system \/ (JSArrayBufferData|ExternalStringData|CppGCManaged))/.test(n.name) ||
  (n.type === "native" && /^[A-Z][A-Za-z]*(Element|Node|Text|Document|Fragment|Root|Sheet|Rule|Declaration|List|Map|Observer)$/.test(n.name));

// Names that differ per instance (strings, numbers, URLs) grouped by type.
const group = (n) => {
  if (["string", "concatenated string", "sliced string", "number", "regexp"].includes(n.type)) return n.type;
  const name = n.name.length > 60 ? n.name.slice(0, 57) + "..." : n.name;
  // Arrays are named after what holds them.
  if (n.type === "array" && n.by) return `array in ${n.by}`;
  return `${n.type}: ${name || "(anonymous)"}`;
};

const server = await serve({ "/lotse/": dist });
const base = "http://127.0.0.1:" + server.address().port;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-extensions"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on("pageerror", (e) => console.error("page error:", String(e)));
  const cdp = await page.createCDPSession();
  await page.goto(base + "/bench/page.html", { waitUntil: "load" });
  await page.evaluate(() => window.bench.frames(5));
  // A snapshot converts numbers to strings itself, which can grow V8's
  // number-string cache (64 KiB) during the next one: a first snapshot
  // only for that, before the one compared.
  await snapshot(cdp);
  const before = await snapshot(cdp);
  const first = await page.evaluate(() => window.bench.start("lotse"));
  if (first.visible === null) throw new Error("the first step never became visible");
  await page.evaluate(() => window.bench.frames(5));
  const after = await snapshot(cdp);
  const byType = new Map();
  const byName = new Map();
  let total = 0;
  let native = 0;
  for (const [id, n] of after) {
    if (before.has(id)) continue;
    if (outside(n)) {
      native += n.size;
      continue;
    }
    total += n.size;
    const t = byType.get(n.type) || { size: 0, count: 0 };
    byType.set(n.type, { size: t.size + n.size, count: t.count + 1 });
    const k = group(n);
    const g = byName.get(k) || { size: 0, count: 0 };
    byName.set(k, { size: g.size + n.size, count: g.count + 1 });
  }
  let freed = 0;
  for (const [id, n] of before) if (!after.has(id) && !outside(n)) freed += n.size;
  const kib = (b) => (b / 1024).toFixed(1).padStart(7);
  const table = (title, m, top) => {
    console.log(`\n${title}\n    KiB   count  what`);
    [...m].sort((a, b) => b[1].size - a[1].size).slice(0, top)
      .forEach(([k, v]) => console.log(`${kib(v.size)} ${String(v.count).padStart(7)}  ${k}`));
  };
  if (process.env.BY) {
    // What holds the nodes of one type/name (e.g. BY="native: system / FunctionTemplateInfo").
    const held = new Map();
    for (const [id, n] of after) {
      if (before.has(id) || group(n) !== process.env.BY) continue;
      const k = n.by || "?";
      held.set(k, (held.get(k) || 0) + n.size);
    }
    console.log([...held].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / 1024).toFixed(1).padStart(6)}  ${k}`).join("\n"));
  }
  if (process.env.NUMERIC) {
    for (const [id, n] of after) {
      if (!before.has(id) && n.type === "string" && /^-?[0-9.]+$/.test(n.name)) console.log("numeric string", JSON.stringify(n.name), "held by", n.by);
    }
  }
  if (process.env.STRINGS) {
    const strings = [...after].filter(([id, n]) => !before.has(id) && n.type === "string").map(([, n]) => n);
    const counts = new Map();
    for (const n of strings) counts.set(n.name.slice(0, 50), (counts.get(n.name.slice(0, 50)) || 0) + n.size);
    console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.STRINGS)).map(([k, v]) => v + " " + JSON.stringify(k)).join("\n"));
  }
  console.log(`bundle ${dist}\nnew JS heap nodes: ${kib(total)} KiB (outside the JS heap, not listed: ${kib(native)} KiB); ` +
    `nodes gone since the first snapshot: ${kib(freed)} KiB`);
  table("by node type", byType, 100);
  table(`by type and name (top ${TOP})`, byName, TOP);
} finally {
  await browser.close();
  server.close();
}
