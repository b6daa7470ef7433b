// PDF.js fetches some data at run time: character maps (CJK and other non-embedded CMaps),
// the standard fonts for PDFs that do not embed them, ICC profiles and its WebAssembly decoders.
// This plugin serves them from node_modules under /pdfjs/ in development and copies them into
// dist/pdfjs/ at build time, so nothing is committed and nothing comes from a CDN.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import type { Plugin } from "vite";

export const PDFJS_ASSET_DIRS = ["cmaps", "standard_fonts", "wasm", "iccs"] as const;
export const PDFJS_ASSET_PREFIX = "pdfjs/";

function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("pdfjs-dist/package.json"));
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).filter((name) => statSync(join(directory, name)).isFile());
}

export function pdfjsAssets(): Plugin {
  const root = pdfjsRoot();
  return {
    name: "kyhop-pdfjs-assets",
    configureServer(server) {
      server.middlewares.use(`/${PDFJS_ASSET_PREFIX}`, (request, response, next) => {
        const relative = normalize(decodeURIComponent((request.url ?? "").split("?")[0] ?? ""));
        const [folder] = relative.replace(/^[/\\]+/, "").split(sep);
        const file = join(root, relative);
        if (!PDFJS_ASSET_DIRS.includes(folder as never) || !file.startsWith(root) || !existsSync(file)) {
          next();
          return;
        }
        response.setHeader("Content-Type", file.endsWith(".wasm") ? "application/wasm" : "application/octet-stream");
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const folder of PDFJS_ASSET_DIRS) {
        for (const name of filesUnder(join(root, folder))) {
          this.emitFile({
            type: "asset",
            fileName: `${PDFJS_ASSET_PREFIX}${folder}/${name}`,
            source: readFileSync(join(root, folder, name)),
          });
        }
      }
    },
  };
}
