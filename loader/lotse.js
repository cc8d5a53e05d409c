// Lotse loader: the one <script type="module"> a site embeds. Reads the tag's
// data-* attributes, fetches the guide, decides from its start rules whether
// it is due on this page, and only then loads the widget (JS glue + wasm)
// from the same directory. Never throws into the page.
const me = [...document.querySelectorAll("script[src]")].find((s) => s.src === import.meta.url) ||
  document.querySelector("script[data-guide]");
const data = (me && me.dataset) || {};
// URLs are resolved as `new URL(x, base)` would, with string operations:
// a URL object makes the browser set up its interface, about 4.5 KiB of JS
// heap on the visitor's page. fetch() and import() remove dot segments.
const dir = (u) => u.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
const resolve = (x) => /^[a-z][\w+.-]*:/i.test(x) ? x : x.startsWith("//") ? location.protocol + x :
  x[0] === "/" ? location.origin + x : x[0] === "?" ? location.href.replace(/[?#].*$/, "") + x : dir(location.href) + x;
const base = dir(import.meta.url);
let widget;

// The release wasm traps on a panic (panic=immediate-abort, for size): a
// RuntimeError out of the widget's callbacks. Nothing of it can be trusted
// then, so remove the overlay and say so once, as the panic hook does in
// builds that unwind into it (it sets Lotse.failed: the trap that follows
// its report is not reported again).
let trapped = false;
const trap = (e) => {
  if (trapped || (window.Lotse && window.Lotse.failed)) return;
  if (!(e instanceof WebAssembly.RuntimeError) || !String(e.stack).includes("lotse_widget")) return;
  trapped = true;
  document.querySelectorAll("lotse-overlay").forEach((n) => n.remove());
  console.error("Lotse: internal error, guide stopped", e);
};
addEventListener("error", (ev) => trap(ev.error));
addEventListener("unhandledrejection", (ev) => trap(ev.reason));

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

function load() {
  // One promise of the initialised module, so concurrent callers (a guide
  // start and an outbox drain) wait for the same initialisation.
  widget = widget || (async () => {
    // Glue and wasm in parallel (one round trip, not two); the wasm is
    // compiled while it streams in (served as application/wasm; compiled
    // from its bytes where a server sends another type) and instantiated
    // synchronously: the glue's async init path and its checks stay unused.
    const url = base + "lotse_widget_bg.wasm";
    const wasm = WebAssembly.compileStreaming(fetch(url))
      .catch(() => fetch(url).then((r) => r.arrayBuffer()).then(WebAssembly.compile));
    wasm.catch(() => {});
    const mod = await import(base + "lotse_widget.js");
    mod.initSync({ module: await wasm });
    if (consented !== undefined) mod.consent(consented);
    return mod;
  })();
  return widget;
}

// Analytics consent for this page (Lotse.consent); undefined until the site
// answers. The widget's outbox of unsent events lives in localStorage under
// "lotse:outbox:SITE"; where one waits and sending is allowed, the widget is
// loaded to send it even when no guide is due here.
let consented;
const OUTBOX = "lotse:outbox:";
const mayStore = () => consented !== false && data.analytics !== "off" &&
  (data.analytics !== "consent" || consented === true || (consented === undefined && window.lotseConsent === true));

function drain() {
  try {
    if (!data.endpoint || !mayStore() || !localStorage.getItem(OUTBOX + (data.site || "default"))) return;
  } catch (_) { return; /* storage blocked: nothing can wait */ }
  load().then((m) => m.drain(config)).catch((e) => console.error("Lotse: could not send queued events:", e));
}

function consent(granted) {
  consented = granted === true;
  if (!consented) {
    try {
      Object.keys(localStorage).filter((k) => k.startsWith(OUTBOX)).forEach((k) => localStorage.removeItem(k));
    } catch (_) { /* storage blocked: nothing was stored */ }
  }
  if (widget) widget.then((m) => m.consent(consented)).catch(() => {});
  else drain();
}

async function start(config, force) {
  try {
    const guideUrl = resolve(config.guide);
    // Default credentials ("same-origin", as the glue and the wasm are
    // fetched): a request without them cannot use the page's open
    // connection (browsers keep separate pools), which costs a handshake.
    const res = await fetch(guideUrl);
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
  idleTimeout: data.idleTimeout, theme: data.theme,
};

// A guide id ("tariff-switch") names <id>.json next to data-guide (or in
// /guides/); anything with a slash or ending in .json is a URL.
const guideUrl = (id) => !id ? config.guide : /[/]|\.json$/.test(id) ? id :
  dir(resolve(config.guide || "/guides/")) + id + ".json";

window.Lotse = {
  start: (id, options) => start({ ...config, ...options, guide: guideUrl(id) }, true),
  stop: () => widget && widget.then((m) => m.stop()),
  next: () => widget && widget.then((m) => m.next()),
  consent,
  on: (type, callback) => {
    const listener = (e) => {
      if (!type || type === "*" || e.detail.type === type) callback(e.detail);
    };
    document.addEventListener("lotse:event", listener);
    return () => document.removeEventListener("lotse:event", listener);
  },
};

if (data.guide) start(config, false);
drain();
