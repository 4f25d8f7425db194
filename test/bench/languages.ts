/**
 * Issue 10's figures: what each language costs to download, and whether a kiosk in Urdu is usable as soon as one
 * in English.
 *
 * Sizes: each language catalogue chunk of the build (assets/i18n-<code>-<part>-<hash>.js, named so by
 * vite.config.ts), raw and gzip -9, beside the same messages in English as JSON (gzip -9); each font (woff2, already
 * compressed: the bytes as shipped), beside every weight and subset its @fontsource package holds. Each row says
 * whether the file is in the service worker's precache manifest (dist/sw.js) and that it is not part of the first
 * download (index.html's module script and modulepreloads).
 *
 * First screen: two tablets (1024x768, kiosk mode on the demo session, service worker in control), one whose
 * session puts Urdu first and one left in English, reloaded in turn with the CPU throttled 4x. A reload is usable
 * when the welcome screen's Start button is visible in that page's language and, for Urdu, the Nastaliq font is
 * loaded: a Start in the fallback font is not what a resident reading Urdu should have to read.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { busyLoop, CPU_THROTTLE, launch, serve, usableProbe } from './browser';
import { initialJs } from './bundle';
import { median, round, type Row } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const I18N_DIR = join(ROOT, 'src/ui/i18n');
const FONTSOURCE_DIR = join(ROOT, 'node_modules/@fontsource');

/** The Urdu font the app ships (src/ui/styles.css), and a letter only its face covers. */
export const URDU_FONT = 'Noto Nastaliq Urdu';
const URDU_LETTER = 'ش';

const DEMO_PIN = '1234';
const FIRST_LANGUAGE_LEGEND = 'Language the welcome screen shows first';

const kb = (bytes: number): number => round(bytes / 1000, 1);

// ---------------------------------------------------------------------------------------------------------------
// Sizes

export interface CatalogueSize {
  file: string;
  code: string;
  part: string;
  rawBytes: number;
  gzipBytes: number;
  /** The English messages of the same catalogue files, as JSON. */
  englishRawBytes: number;
  englishGzipBytes: number;
  inPrecache: boolean;
  inFirstDownload: boolean;
}

export interface FontSize {
  file: string;
  bytes: number;
  /** Every woff2 in the @fontsource package it comes from (all weights and subsets), if found. */
  packageFiles: number;
  packageBytes: number | null;
  inPrecache: boolean;
}

const gzip = (bytes: Uint8Array | string): number => gzipSync(bytes, { level: 9 }).length;

/** The English messages a language's part translates: the en/<name>.ts of each <name>.json it imports. */
async function englishOf(code: string, part: string): Promise<Record<string, unknown>> {
  const bundle = readFileSync(join(I18N_DIR, code, `${part}.ts`), 'utf8');
  const names = [...bundle.matchAll(/^import\s+\w+\s+from\s+'\.\/([\w-]+)\.json';/gm)].map((m) => m[1]!);
  if (names.length === 0) throw new Error(`No JSON imports in src/ui/i18n/${code}/${part}.ts`);
  const messages: Record<string, unknown> = {};
  for (const name of names) {
    const module = (await import(pathToFileURL(join(I18N_DIR, 'en', `${name}.ts`)).href)) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(module)) {
      if (value && typeof value === 'object') Object.assign(messages, value);
    }
  }
  return messages;
}

/** URLs listed in the service worker's precache manifest. */
function precacheUrls(distDir: string): Set<string> {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  return new Set([...sw.matchAll(/"url"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, '')));
}

export async function catalogueSizes(
  distDir: string,
): Promise<{ catalogues: CatalogueSize[]; fonts: FontSize[] }> {
  const assets = readdirSync(join(distDir, 'assets'));
  const precache = precacheUrls(distDir);
  const first = new Set(initialJs(distDir).files.map((f) => f.file));
  const catalogues: CatalogueSize[] = [];
  for (const name of assets.sort()) {
    const m = /^i18n-(\w+)-(resident|staff)-.+\.js$/.exec(name);
    if (!m) continue;
    const [, code, part] = m as unknown as [string, string, string];
    const file = `assets/${name}`;
    const bytes = readFileSync(join(distDir, file));
    const english = JSON.stringify(await englishOf(code, part));
    catalogues.push({
      file,
      code,
      part,
      rawBytes: bytes.length,
      gzipBytes: gzip(bytes),
      englishRawBytes: Buffer.byteLength(english),
      englishGzipBytes: gzip(english),
      inPrecache: precache.has(file),
      inFirstDownload: first.has(file),
    });
  }
  if (catalogues.length === 0) {
    throw new Error(
      `No assets/i18n-<code>-<part>-<hash>.js in ${distDir}: is vite.config.ts's chunkFileNames there?`,
    );
  }
  const fonts: FontSize[] = assets
    .filter((name) => name.endsWith('.woff2'))
    .sort()
    .map((name) => {
      const file = `assets/${name}`;
      // Vite names an asset <source name>-<hash>.woff2; the hash has no dash-free guarantee, so try each cut.
      const stem = name.replace(/\.woff2$/, '');
      let packageDir: string | null = null;
      for (let cut = stem.lastIndexOf('-'); cut > 0 && !packageDir; cut = stem.lastIndexOf('-', cut - 1)) {
        const source = `${stem.slice(0, cut)}.woff2`;
        const pkg = existsSync(FONTSOURCE_DIR)
          ? readdirSync(FONTSOURCE_DIR).find((p) => existsSync(join(FONTSOURCE_DIR, p, 'files', source)))
          : undefined;
        if (pkg) packageDir = join(FONTSOURCE_DIR, pkg, 'files');
      }
      const all = packageDir ? readdirSync(packageDir).filter((f) => f.endsWith('.woff2')) : [];
      return {
        file,
        bytes: readFileSync(join(distDir, file)).length,
        packageFiles: all.length,
        packageBytes: packageDir
          ? all.reduce((s, f) => s + readFileSync(join(packageDir, f)).length, 0)
          : null,
        inPrecache: precache.has(file),
      };
    });
  return { catalogues, fonts };
}

function sizeRows(catalogues: CatalogueSize[], fonts: FontSize[]): Row[] {
  const rows: Row[] = catalogues.map((c) => ({
    id: `languages.catalogue.${c.code}-${c.part}`,
    figure: `Catalogue ${c.code} ${c.part} (loads on demand), gzip -9`,
    unit: 'KB',
    value: kb(c.gzipBytes),
    baseline: kb(c.englishGzipBytes),
    baselineLabel: 'the same messages in English as JSON, gzip -9',
    goal: null,
    samples: 1,
    note:
      `${basename(c.file)}, raw ${kb(c.rawBytes)} KB (English JSON ${kb(c.englishRawBytes)} KB); ` +
      `${c.inPrecache ? 'in the precache (sw.js)' : 'NOT in the precache (sw.js)'}; ` +
      `${c.inFirstDownload ? 'IN the first download' : 'not in the first download'}`,
  }));
  for (const f of fonts) {
    rows.push({
      id: `languages.font.${basename(f.file).replace(/-[^-]+\.woff2$/, '')}`,
      figure: `Font ${basename(f.file).replace(/-[^-]+\.woff2$/, '')}.woff2 (already compressed)`,
      unit: 'KB',
      value: kb(f.bytes),
      baseline: f.packageBytes === null ? null : kb(f.packageBytes),
      baselineLabel:
        f.packageBytes === null
          ? 'no @fontsource package found for it'
          : `every weight and subset its @fontsource package holds (${f.packageFiles} woff2 files)`,
      goal: null,
      samples: 1,
      note: `${basename(f.file)}, bytes as shipped; ${f.inPrecache ? 'in the precache (sw.js)' : 'NOT in the precache (sw.js)'}`,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// First usable kiosk screen, Urdu against English

/**
 * Runs before any page script: records performance.now() the first time the Urdu font's face is loaded and
 * `document.fonts.check` says text in it can be drawn with it, checked on every font load and every frame.
 */
function fontProbe(family: string, letter: string): string {
  return `(() => {
  const family = ${JSON.stringify(family)};
  const spec = ${JSON.stringify(`16px "${family}"`)};
  const letter = ${JSON.stringify(letter)};
  const loaded = () => {
    if (window.__benchFont !== undefined) return true;
    let face = false;
    document.fonts.forEach((f) => {
      if (f.family.replace(/["']/g, '') === family && f.status === 'loaded') face = true;
    });
    if (face && document.fonts.check(spec, letter)) {
      window.__benchFont = performance.now();
      return true;
    }
    return false;
  };
  document.fonts.addEventListener('loadingdone', () => loaded());
  const frame = () => { if (!loaded()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;
}

interface ProbeWindow {
  __benchUsable?: number;
  __benchFont?: number;
}

export interface KioskSample {
  /** Start visible in the page's language and (Urdu) the font loaded: the figure. */
  usableMs: number;
  /** Start visible in the page's language, font or not. */
  startMs: number;
  /** The Nastaliq face loaded (Urdu only). */
  fontMs: number | null;
  controlled: boolean;
  lang: string;
  dir: string;
  domContentLoadedMs: number;
  /** What reached the HTTP server during this reload (the rest came from the service worker). */
  requests: string[];
}

export interface KioskTarget {
  name: string;
  language: string;
  startLabel: string;
  needsFont: boolean;
  warmups: number;
  samples: KioskSample[];
  throttleCheck: { unthrottledMs: number; throttledMs: number };
}

interface Prepared {
  result: KioskTarget;
  page: Page;
  startRequests: () => void;
  takeRequests: () => string[];
  dispose: () => Promise<void>;
}

/** The label Urdu's welcome screen gives Start, from the catalogue; checked against the built chunk. */
function urduStartLabel(distDir: string, catalogues: CatalogueSize[]): string {
  const kiosk = JSON.parse(readFileSync(join(I18N_DIR, 'ur', 'kiosk.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const label = kiosk['kiosk.welcome.start'];
  if (typeof label !== 'string')
    throw new Error('src/ui/i18n/ur/kiosk.json has no kiosk.welcome.start string');
  const chunk = catalogues.find((c) => c.code === 'ur' && c.part === 'resident');
  if (!chunk) throw new Error('No Urdu resident catalogue in the build.');
  if (!readFileSync(join(distDir, chunk.file), 'utf8').includes(label)) {
    throw new Error(
      `The built ${chunk.file} does not hold "${label}": the build is older than ur/kiosk.json.`,
    );
  }
  return label;
}

async function waitStart(page: Page, target: KioskTarget): Promise<void> {
  try {
    // A function, not a string: the app's CSP forbids the eval a string predicate needs.
    await page.waitForFunction(
      (needsFont) => {
        const w = window as ProbeWindow;
        return w.__benchUsable !== undefined && (!needsFont || w.__benchFont !== undefined);
      },
      target.needsFont,
      { timeout: 30_000, polling: 100 },
    );
  } catch (e) {
    const seen = await page
      .evaluate(() => ({
        buttons: [...document.querySelectorAll('button')].map((b) => (b.textContent ?? '').trim()),
        lang: document.documentElement.lang,
        font: (window as ProbeWindow).__benchFont ?? null,
      }))
      .catch(() => null);
    throw new Error(
      `${target.name}: no usable "${target.startLabel}"${target.needsFont ? ` in ${URDU_FONT}` : ''} within 30 s at ` +
        `${page.url()}; seen ${JSON.stringify(seen)}: ${String(e)}`,
    );
  }
}

/**
 * A tablet in kiosk mode on the demo session: first visit (installs the service worker, reloads until it is in
 * control), PIN, optionally Urdu added to the session and put first, then "Start kiosk mode". CPU throttled last.
 */
async function prepareKiosk(
  name: string,
  distDir: string,
  language: 'en' | 'ur',
  startLabel: string,
  languageName: string,
): Promise<Prepared> {
  const server = await serve(distDir);
  const browser = await launch(`languages-${name}`).catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  const dispose = async (): Promise<void> => {
    await browser.dispose();
    await server.close();
  };
  const result: KioskTarget = {
    name,
    language,
    startLabel,
    needsFont: language === 'ur',
    warmups: 0,
    samples: [],
    throttleCheck: { unthrottledMs: Number.NaN, throttledMs: Number.NaN },
  };
  try {
    const { context, page } = browser;
    let requests: string[] = [];
    server.server.on('request', (req: IncomingMessage) => requests.push(req.url ?? ''));
    await context.addInitScript({ content: usableProbe(startLabel) });
    if (result.needsFont) await context.addInitScript({ content: fontProbe(URDU_FONT, URDU_LETTER) });

    const demo = page.getByRole('button', { name: 'Open the demo session' });
    await page.goto(server.url, { waitUntil: 'load' });
    await demo.waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    for (let i = 0; i < 3; i++) {
      if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) break;
      await page.reload({ waitUntil: 'load' });
    }
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      throw new Error(`${name}: the service worker never took control of the page.`);
    }

    await demo.waitFor();
    await demo.click();
    await page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
    await page.getByLabel('Facilitator PIN', { exact: true }).fill(DEMO_PIN);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const startKiosk = page.getByRole('button', { name: 'Start kiosk mode' });
    await startKiosk.waitFor();
    if (language !== 'en') {
      await page.getByRole('link', { name: 'Edit session' }).click();
      await page.getByRole('heading', { level: 1, name: 'Edit the session' }).waitFor();
      await page.getByRole('checkbox', { name: languageName, exact: true }).check();
      await page
        .getByRole('group', { name: FIRST_LANGUAGE_LEGEND, exact: true })
        .getByRole('radio', { name: languageName, exact: true })
        .check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('[data-save-state="saved"]').waitFor();
      await page.getByRole('link', { name: 'Back to the session' }).click();
      await startKiosk.waitFor();
    }
    await startKiosk.click();
    await page.waitForURL(/\/kiosk$/);
    await page.reload({ waitUntil: 'load' });
    await waitStart(page, result);

    result.throttleCheck.unthrottledMs = await busyLoop(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    return {
      result,
      page,
      startRequests: () => {
        requests = [];
      },
      takeRequests: () => requests,
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}

async function reloadKiosk(target: Prepared): Promise<KioskSample> {
  const { page, result } = target;
  target.startRequests();
  await page.reload({ waitUntil: 'load' });
  await waitStart(page, result);
  const seen = await page.evaluate(() => {
    const w = window as ProbeWindow;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      startMs: w.__benchUsable ?? Number.NaN,
      fontMs: w.__benchFont ?? null,
      controlled: navigator.serviceWorker?.controller != null,
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      domContentLoadedMs: nav?.domContentLoadedEventEnd ?? Number.NaN,
    };
  });
  if (!seen.controlled) throw new Error(`${result.name}: a reload was not served by the service worker.`);
  if (seen.lang !== result.language)
    throw new Error(`${result.name}: the kiosk came back in "${seen.lang}".`);
  const usableMs = result.needsFont ? Math.max(seen.startMs, seen.fontMs ?? Number.NaN) : seen.startMs;
  return {
    ...seen,
    fontMs: result.needsFont ? seen.fontMs : null,
    usableMs,
    requests: target.takeRequests(),
  };
}

export interface LanguageDetails {
  catalogues: CatalogueSize[];
  fonts: FontSize[];
  firstScreen: { cpuThrottle: number; english: KioskTarget; urdu: KioskTarget } | null;
}

export async function languageFigures(
  distDir: string,
  runs = 5,
  warmups = 2,
): Promise<{ rows: Row[]; details: LanguageDetails }> {
  const { catalogues, fonts } = await catalogueSizes(distDir);
  const rows = sizeRows(catalogues, fonts);
  const details: LanguageDetails = { catalogues, fonts, firstScreen: null };

  const urStart = urduStartLabel(distDir, catalogues);
  const { LOCALES } = await import('../../src/ui/i18n');
  const urName = LOCALES.ur?.name;
  if (!urName) throw new Error('No Urdu in LOCALES.');
  const targets: Prepared[] = [];
  try {
    // English first, then Urdu, each reload in turn, so a busy moment of the machine lands on both sides.
    targets.push(await prepareKiosk('english', distDir, 'en', 'Start', 'English'));
    targets.push(await prepareKiosk('urdu', distDir, 'ur', urStart, urName));
    for (let i = 0; i < warmups + runs; i++) {
      for (const target of targets) {
        const sample = await reloadKiosk(target);
        if (i === 0) target.result.throttleCheck.throttledMs = await busyLoop(target.page);
        if (i >= warmups) target.result.samples.push(sample);
        else target.result.warmups++;
      }
    }
  } finally {
    for (const target of targets) await target.dispose();
  }
  const [english, urdu] = targets.map((t) => t.result) as [KioskTarget, KioskTarget];
  details.firstScreen = { cpuThrottle: CPU_THROTTLE, english, urdu };

  const m = (values: number[]): number => round(median(values));
  const slowdown = (t: KioskTarget): string =>
    `${round(t.throttleCheck.throttledMs / t.throttleCheck.unthrottledMs, 1)}×`;
  // The browser asks the server for /sw.js on a navigation (its update check); anything else came from outside.
  const fromServer = [...english.samples, ...urdu.samples]
    .flatMap((s) => s.requests)
    .filter((url) => url !== '/sw.js');
  rows.push({
    id: 'languages.firstScreen.ur',
    figure: `First usable kiosk screen in Urdu (Start shown, Nastaliq loaded), service worker, ${CPU_THROTTLE}x CPU throttle, median`,
    unit: 'ms',
    value: m(urdu.samples.map((s) => s.usableMs)),
    baseline: m(english.samples.map((s) => s.usableMs)),
    baselineLabel: 'the same kiosk in English, same throttle, reloads interleaved',
    goal: { maxRatio: 1.5 },
    samples: runs,
    note:
      `usable = Start ("${urStart}") visible and document.fonts.check('16px "${URDU_FONT}"', '${URDU_LETTER}') true ` +
      `with its face loaded; Urdu Start alone ${m(urdu.samples.map((s) => s.startMs))} ms, ` +
      `font ${m(urdu.samples.map((s) => s.fontMs ?? Number.NaN))} ms; ` +
      `${fromServer.length === 0 ? 'nothing but the update check of /sw.js reached the server on the measured reloads' : `reached the server: ${[...new Set(fromServer)].join(', ')}`}; ` +
      `throttle check (busy loop, throttled / not): Urdu ${slowdown(urdu)}, English ${slowdown(english)}`,
  });
  return { rows, details };
}
