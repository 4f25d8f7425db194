// @ts-check
/**
 * What `npm run tally` starts (package.json): src/cli/tally.ts run from one JavaScript bundle instead of through
 * tsx's loader (issue 11 §3: every pabulib election under 5 s through the CLI).
 *
 * Why: under `node --import tsx` a count pays for tsx before it starts (its module hooks run on a thread of their
 * own, and every source file goes through them: about 0.4 s of CPU), and tsx keeps every function's name
 * (esbuild's keepNames), which wraps closures in the hot loops of MES. This file is plain JavaScript node runs
 * as it is: on first use it bundles tally.ts and what it imports with esbuild (a devDependency; tsx runs on it
 * too) into node_modules/.cache/tally/, with a manifest of every source file's SHA-256, and afterwards runs that
 * bundle for as long as every one of those files is unchanged. A changed source is bundled again; a bundle that
 * cannot be made or saved (no esbuild, a syntax error, a read-only node_modules) leaves the count to tsx as
 * before, which also reports any error in the source. So a fresh clone needs no build step.
 *
 * TALLY_CACHE_DIR=<dir> keeps the bundle elsewhere (the tests); TALLY_START_LOG=1 says on stderr which way it
 * went (`bundle built`, `bundle reused`, `tsx: <why>`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'src/cli/tally.ts');
const CACHE = process.env.TALLY_CACHE_DIR || path.join(ROOT, 'node_modules/.cache/tally');
const MANIFEST = path.join(CACHE, 'manifest.json');
/** Bundles of older sources are removed once they are this old (another count may still be loading one). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** @param {string} message */
function log(message) {
  if (process.env.TALLY_START_LOG) process.stderr.write(`tally start: ${message}\n`);
}

/** @param {string | Uint8Array} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** @param {string} file the SHA-256 of its bytes, or '' when it cannot be read */
function hashOf(file) {
  try {
    return sha256(readFileSync(file));
  } catch {
    return '';
  }
}

/**
 * @typedef {{ launcher: string, bundle: string, bundleHash: string, inputs: Record<string, string> }} Manifest
 * `launcher`: this file's hash (a new launcher bundles again); `inputs`: each source's path from the repo root
 * and its hash; `bundle`: the bundle's file name in the cache, and `bundleHash` its hash (a bundle removed or
 * cut short is made again).
 */

/** The cached bundle's path, when this launcher made it and no source it was made from has changed. */
function cachedBundle() {
  /** @type {unknown} */
  let read;
  try {
    read = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
  const manifest = /** @type {Manifest} */ (read);
  if (typeof manifest?.inputs !== 'object' || manifest.inputs === null) return undefined;
  if (manifest.launcher !== hashOf(import.meta.filename)) return undefined;
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    if (hashOf(path.join(ROOT, file)) !== hash) return undefined;
  }
  const bundle = path.join(CACHE, manifest.bundle);
  return hashOf(bundle) === manifest.bundleHash ? bundle : undefined;
}

/**
 * Written under a name of its own, then renamed: counts started together (the tests run several) each see a
 * whole file or none.
 * @param {string} file
 * @param {string | Uint8Array} data
 */
function writeWhole(file, data) {
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, data);
  renameSync(part, file);
}

/** Bundles tally.ts into the cache and records its sources; the bundle's path. */
async function buildBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages stay imports, found from node_modules/.cache/tally in the repo's node_modules.
    packages: 'external',
    // Errors point at the .ts lines (process.setSourceMapsEnabled below).
    sourcemap: 'inline',
    metafile: true,
    write: false,
    outfile: path.join(CACHE, 'tally.mjs'),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs).sort()) inputs[file] = hashOf(path.join(ROOT, file));
  const bundle = `tally-${sha256(JSON.stringify(inputs)).slice(0, 16)}.mjs`;
  mkdirSync(CACHE, { recursive: true });
  writeWhole(path.join(CACHE, bundle), code);
  /** @type {Manifest} */
  const manifest = { launcher: hashOf(import.meta.filename), bundle, bundleHash: sha256(code), inputs };
  writeWhole(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const name of readdirSync(CACHE)) {
    if (name === bundle || !/^tally-.*\.mjs$/.test(name)) continue;
    const old = path.join(CACHE, name);
    try {
      if (Date.now() - statSync(old).mtimeMs > KEEP_OLD_MS) rmSync(old, { force: true });
    } catch {
      // Another count removed it first.
    }
  }
  return path.join(CACHE, bundle);
}

/** @returns {Promise<string | undefined>} the bundle to run, or undefined to run through tsx */
async function bundleToRun() {
  const cached = cachedBundle();
  if (cached !== undefined) {
    log('bundle reused');
    return cached;
  }
  try {
    const built = await buildBundle();
    log('bundle built');
    return built;
  } catch (err) {
    log(`tsx: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  }
}

const bundle = await bundleToRun();
if (bundle !== undefined) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(ENTRY).href);
}
