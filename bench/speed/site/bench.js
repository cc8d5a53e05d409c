// The speed benchmark's in-page harness (driven by bench/speed/run.mjs).
// window.bench.start(lib) adds one library to the rendered page and starts
// the same five-step tour; watch(n) resolves when step n's popover is first
// visible and when it has settled. Times are performance.now() in ms.
(() => {
  const TITLES = [1, 2, 3, 4, 5].map((n) => "Bench step " + n);
  const TARGETS = ["#hero-cta", "#far-card", "#email", "#plan-table", "#footer-help"];
  const BODIES = ["Start here.", "Your tariff, far below.", "Your e-mail address.", "All tariffs.", "Help is here."];
  const NM = "/node_modules/";
  let api = null;
  let lotseDir = "/lotse/";

  function add(tag, attrs) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.dataset.bench = "";
    document.head.append(el);
    return el;
  }
  const css = (href) => add("link", { rel: "stylesheet", href });
  const script = (src, type) => new Promise((resolve, reject) => {
    const el = add("script", type ? { src, type } : { src });
    el.onload = resolve;
    el.onerror = reject;
  });

  const libs = {
    async driver() {
      css(NM + "driver.js/dist/driver.css");
      await script(NM + "driver.js/dist/driver.js.iife.js");
      const d = window.driver.js.driver({
        steps: TARGETS.map((element, i) => ({ element, popover: { title: TITLES[i], description: BODIES[i] } })),
      });
      d.drive();
      return { next: () => d.moveNext(), popovers: () => document.querySelectorAll(".driver-popover") };
    },
    async shepherd() {
      css(NM + "shepherd.js/dist/css/shepherd.css");
      const { default: Shepherd } = await import(NM + "shepherd.js/dist/js/shepherd.mjs");
      const tour = new Shepherd.Tour({ useModalOverlay: true, defaultStepOptions: { scrollTo: true } });
      TARGETS.forEach((element, i) => tour.addStep({
        id: "s" + i, title: TITLES[i], text: BODIES[i], attachTo: { element, on: "bottom" },
        buttons: [{ text: "Next", action: () => tour.next() }],
      }));
      tour.start();
      return { next: () => tour.next(), popovers: () => document.querySelectorAll(".shepherd-element") };
    },
    async intro() {
      css(NM + "intro.js/minified/introjs.min.css");
      await script(NM + "intro.js/minified/intro.min.js");
      const tour = window.introJs.tour().setOptions({
        steps: TARGETS.map((element, i) => ({ element, title: TITLES[i], intro: BODIES[i] })),
      });
      tour.start();
      return { next: () => tour.nextStep(), popovers: () => document.querySelectorAll(".introjs-tooltip") };
    },
    async lotse(dir = "/lotse/") {
      lotseDir = dir;
      const el = add("script", { type: "module", src: dir + "lotse.js", "data-guide": "/bench/guide.json" });
      await new Promise((resolve) => { el.onload = resolve; });
      const popovers = () => {
        const host = document.querySelector("lotse-overlay");
        return host && host.shadowRoot ? host.shadowRoot.querySelectorAll(".lotse-popover") : [];
      };
      return { next: () => window.Lotse.next(), popovers };
    },
    // The other bundle of a before/after run (LOTSE_B in run.mjs).
    lotseB() {
      return libs.lotse("/lotseB/");
    },
    async none() {
      return { next() {}, popovers: () => [] };
    },
  };

  // Opacity of an element times that of its ancestors, across shadow roots.
  function opacity(el) {
    let o = 1;
    for (let n = el; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
      o *= parseFloat(getComputedStyle(n).opacity);
    }
    return o;
  }

  // Whether el shows `text` on screen: size, in the viewport, opacity.
  function looks(el, text) {
    if (!el.isConnected || !el.textContent.includes(text)) return null;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return null;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= innerHeight) return null;
    return { el, r, o: opacity(el) };
  }

  // Step n's popover, if it is on screen.
  function visible(n) {
    for (const el of api ? api.popovers() : []) {
      const v = looks(el, TITLES[n - 1]);
      if (v) return v;
    }
    return null;
  }

  // Resolves {visible, settled}: the first frame at which step n's popover
  // is visible, and the first frame of 3 in a row in which it is fully
  // opaque and neither it nor the page's scroll position moved.
  function watch(n, timeout = 8000) {
    const t0 = performance.now();
    return new Promise((resolve) => {
      let seen = null, stableSince = null, last = null, run = 0;
      function frame() {
        const now = performance.now();
        const v = visible(n);
        if (v && seen === null) seen = now;
        // Numbers, not a joined string: turning numbers into strings every
        // frame grows V8's number-string cache (64 KiB), which the heap
        // measurement would then charge to the library under test.
        const key = v && [v.r.x, v.r.y, v.r.width, v.r.height, scrollY].map(Math.round);
        if (v && v.o > 0.999 && last && key.every((k, i) => k === last[i])) {
          run += 1;
        } else {
          run = v && v.o > 0.999 ? 1 : 0;
          stableSince = now;
        }
        last = key;
        if (run >= 3) return resolve({ visible: seen, settled: stableSince });
        if (now - t0 > timeout) return resolve({ visible: seen, settled: null });
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    });
  }

  // Elements in the document, including open shadow roots.
  function elements(root = document) {
    let count = 0;
    for (const el of root.querySelectorAll("*")) {
      if ("bench" in el.dataset) continue;
      count += 1;
      if (el.shadowRoot) count += elements(el.shadowRoot);
    }
    return count;
  }

  const frames = (k = 1) => new Promise((resolve) => {
    const step = () => (k-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  });

  window.bench = {
    elements,
    frames,
    // Adds the library and starts the tour; resolves with times relative
    // to the moment the library's script was added.
    async start(lib) {
      const t0 = performance.now();
      // Without a tour the checks of watch() run once on a page element:
      // the browser objects they set up (DOMRect, a computed style, ...)
      // are then in the baseline instead of in every library's heap.
      if (lib === "none") looks(document.querySelector("#hero-cta"), "");
      const watching = lib === "none" ? Promise.resolve({ visible: t0, settled: t0 }) : watch(1);
      api = await libs[lib]();
      const w = await watching;
      return { visible: w.visible && w.visible - t0, settled: w.settled && w.settled - t0 };
    },
    async next(n) {
      const t0 = performance.now();
      const watching = watch(n);
      api.next();
      const w = await watching;
      return { visible: w.visible && w.visible - t0, settled: w.settled && w.settled - t0 };
    },
    async wasmMemory() {
      if (!document.querySelector("lotse-overlay")) return 0;
      const glue = await import(lotseDir + "lotse_widget.js");
      const exports = glue.initSync(); // the loader's instance
      return exports.memory.buffer.byteLength;
    },
  };
})();
