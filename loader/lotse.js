// Lotse loader: the one <script type="module"> a site embeds. Reads the tag's
// data-* attributes, fetches the guide, decides from its start rules whether
// it is due on this page, and only then loads the widget (JS glue + wasm)
// from the same directory. Never throws into the page.
const me = [...document.querySelectorAll("script[src]")].find((s) => s.src === import.meta.url) ||
  document.querySelector("script[data-guide]");
const data = (me && me.dataset) || {};
const base = new URL(".", import.meta.url);
let widget;

const glob = (p, s) => new RegExp("^" + p.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$").test(s);

function due(guide) {
  const start = guide.start || {};
  const urls = start.urls || [];
  const path = location.pathname;
  const key = "lotse:progress:" + guide.id + ":" + guide.version;
  try {
    if (sessionStorage.getItem(key)) return true; // a run to resume
    const f = start.frequency;
    const store = f === "once" ? localStorage : sessionStorage;
    if (f && f !== "always" && store.getItem("lotse:seen:" + guide.id)) return false;
  } catch (_) { /* storage blocked: decide without it */ }
  return start.auto !== false && (!urls.length || urls.some((u) => glob(u, path)));
}

async function load() {
  if (!widget) {
    widget = import(new URL("lotse_widget.js", base).href);
    const mod = await widget;
    await mod.default({ module_or_path: new URL("lotse_widget_bg.wasm", base) });
  }
  return widget;
}

async function start(config, force) {
  try {
    const guideUrl = new URL(config.guide, location.href).href;
    const res = await fetch(guideUrl, { credentials: "omit" });
    if (!res.ok) throw new Error("HTTP " + res.status + " for " + config.guide);
    const guideJson = await res.text();
    if (!force && !due(JSON.parse(guideJson))) return;
    const mod = await load();
    mod.start({ ...config, guideJson, force: !!force });
  } catch (e) {
    console.error("Lotse: could not start the guide:", e);
  }
}

const config = {
  guide: data.guide, endpoint: data.endpoint, site: data.site,
  analytics: data.analytics, locale: data.locale,
};

window.Lotse = {
  start: (guide, options) => start({ ...config, ...options, guide: guide || config.guide }, true),
  stop: () => widget && widget.then((m) => m.stop()),
  next: () => widget && widget.then((m) => m.next()),
  on: (type, callback) => document.addEventListener("lotse:event", (e) => {
    if (!type || type === "*" || e.detail.type === type) callback(e.detail);
  }),
};

if (data.guide) start(config, false);
