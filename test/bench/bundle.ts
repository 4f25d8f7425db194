/**
 * Figure 1: the JavaScript a first visit must download before the app can start (the entry module and its
 * modulepreloads, gzip level 9), beside the same measure of a bare page built from the libraries we depend on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { build } from 'vite';

export const BASELINE_PAGE_DIR = resolve(import.meta.dirname, 'baseline-page');

export interface JsFile {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface InitialJs {
  files: JsFile[];
  rawBytes: number;
  gzipBytes: number;
  /** JS files in the build that are not loaded up front (lazy chunks), for the record. */
  lazy: JsFile[];
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

function measure(distDir: string, file: string): JsFile {
  const bytes = readFileSync(join(distDir, file));
  return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

function listJs(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listJs(dir, rel));
    else if (/\.m?js$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Reads index.html for `<script type="module" src>` and `<link rel="modulepreload" href>`, and sizes them. */
export function initialJs(distDir: string): InitialJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') urls.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel')?.split(/\s+/).includes('modulepreload')) urls.add(href);
  }
  if (urls.size === 0) throw new Error(`No module script in ${join(distDir, 'index.html')}`);
  const files = [...urls].map((u) => measure(distDir, new URL(u, 'http://x/').pathname.replace(/^\//, '')));
  const initial = new Set(files.map((f) => f.file));
  const lazy = listJs(distDir)
    .filter((f) => f.startsWith('assets/') && !initial.has(f))
    .map((f) => measure(distDir, f));
  return {
    files,
    rawBytes: files.reduce((s, f) => s + f.rawBytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    lazy,
  };
}

/** Builds the bare page (preact, dexie, yjs, y-indexeddb, workbox-window, one button) into outDir. */
export async function buildBaselinePage(outDir: string): Promise<void> {
  await build({
    root: BASELINE_PAGE_DIR,
    configFile: false,
    envDir: false,
    publicDir: false,
    logLevel: 'warn',
    base: '/',
    plugins: [preact()],
    // Dexie as the app's build takes it (vite.config.ts), so the floor is the same libraries in the same form.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false },
  });
}
