// The speed benchmarks' static server on 127.0.0.1 (run.mjs, heap.mjs):
// site/ at /bench/, node_modules/ at /node_modules/, and the widget bundle
// folders given (e.g. { "/lotse/": "dist/lotse" }). Nothing is cached.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
};

/** Starts the server on a free port; resolves with it (`server.address().port`). */
export function serve(bundles) {
  const mounts = [
    ["/bench/", path.join(here, "site")],
    ["/node_modules/", path.join(here, "node_modules")],
    ...Object.entries(bundles),
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x").pathname;
    const mount = mounts.find(([prefix]) => url.startsWith(prefix));
    const file = mount && path.join(mount[1], path.normalize(url.slice(mount[0].length)));
    if (!file || !file.startsWith(mount[1]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
