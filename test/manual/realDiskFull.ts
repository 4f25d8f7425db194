/**
 * `npm run check:real-disk-full` (as root, on Linux): what Debian's Chromium really does when the tablet's disk is
 * full, to check test/e2e/support/diskFull.ts (our model of it) against. Not part of `npm test`: it mounts a small
 * tmpfs for Chromium's profile, which needs root and a machine that allows mounts.
 *
 * For each case, a fresh profile on a 60 MB tmpfs: the built app (dist/, with `npm run server` on a free port) opens
 * the demo session; the tmpfs is filled with dd; then the case runs; then the browser is closed, the space freed,
 * the browser started again on the same profile, and every IndexedDB database of the origin counted (from a page of
 * the origin without the app, which would make its own database again). Cases:
 * - `none`: nothing written on the full disk;
 * - `blob`: a 2 MB value written to a database of its own (Chromium stores large values as files);
 * - `save`: the facilitator's "Edit session", Cymraeg on, "Save changes";
 * - `create`: "Create a session", filled and sent;
 * - `many`: 2,000-byte values written one after another into the demo's database until refused (or unanswered);
 * - `recover`: such writes into another database until refused; then the facilitator's "Edit session", Cymraeg on,
 *   "Save changes"; space freed; back to the dashboard and "Edit session" again (the form reads storage), Cymraeg
 *   and Polski on (Polski new either way), "Save changes", and the form opened once more; then the restarts. Each
 *   save waits for the app's own save state (`[data-save-state]` saved or failed).
 *
 * Seen on 2026-12-07 (Chromium 150): small writes right after filling still commit (LevelDB had space set aside); when
 * they run out, the write fails with UnknownError "Connection is closing because of: IO error: … FILE_ERROR_NO_SPACE
 * …", and the next transaction on that connection never says how it ended (no complete, no abort in 10 s); creating a
 * session then said "The connection was closed."; a 2 MB value fails with DataError "Failed to write blobs (IOError)".
 * After the blob refusal, or small writes that fitted, everything committed was there after a restart with space back.
 * After the FILE_ERROR_NO_SPACE refusal (`many`), with the browser closed in order: the first restart with space back
 * could not open the origin's databases ("Internal error opening backing store for indexedDB.open.", five runs of
 * five), and the three runs that restarted once more found none at all: every session on the tablet was gone, and
 * opening the app's database then reported Chromium's `dataLoss: 'total'` ("IndexedDB (database was corrupt): Internal
 * error opening backing store"). (In an earlier run where the browser stopped by itself after the refusal, everything
 * was there.)
 *
 * `recover`, seen on 2026-12-07 (seventeen runs, some with probes added for the run; the first five on a build that
 * also held others' unfinished work, the last seven with bf617ed): after the refusal, Chromium went one of three ways.
 * Nine runs: every open of the origin's databases was refused while the disk stayed full ("Internal error opening
 * backing store for indexedDB.open."; the app's Dexie logged "Workaround for Chrome UnknownError on open()" three
 * times), so "Edit session" could not open the session; before bf617ed it said "This session could not be opened on
 * this tablet. Close the app and open it again." and still did after space was freed, until the facilitator went back
 * and opened it again; since, it says to free space without closing the app, and showed the form by itself within 5 s
 * of space being freed. Then the change saved ("Saved"; 199 updates). Six runs: opening still worked on the full disk,
 * and the Save on the full disk said "Saved" and had stored the change (198 updates before, 199 after, read back by a
 * new open; the form opened again showed Cymraeg on); the same Save again after space was freed then changed nothing
 * and said "Nothing has changed, so there was nothing to save." (save state idle): this is why an earlier version of
 * this case, which clicked the same Save and waited for "Saved", saw nothing in 15 s. In both these ways, after space
 * was freed, a new change saved ("Saved") and a new open read it back; and yet the restarts went as above: the first
 * could not open the databases, the second found none (the first screen offered the spare copy; read in one run, it
 * held the last change, Cymraeg and Polski on). Saving again with space back did not keep Chromium from deleting them.
 * Two runs, a third way: the Save on the full disk said "Saved" (with an uncaught "AbortError: r" on the page just
 * before), then opening was refused with QuotaExceededError "Encountered full disk while opening backing store for
 * indexedDB.open.", and once space was freed, with the browser still running, the session opened empty: the dashboard
 * said "This session is not on this tablet."; after a restart the origin held only that session's database, empty (the
 * app's own database was gone), and the first screen offered the spare copy (Cymraeg on).
 *
 * Also checked in each case: a file in the origin's private file system (OPFS) and a localStorage key written
 * before filling, read back after each restart; and `navigator.storage.estimate()` before and after filling. Seen
 * on 2026-12-07 (`many`): the file and the key survived the deletion whole, so the app keeps a spare copy of each
 * session there (src/storage/sessionCopies.ts); after the deletion, the app's first screen offered the demo's
 * spare copy, and "Bring these sessions back" stored it again (its database back, one update). The estimate is no
 * warning: it said about 1,074 MB left both before and after the 60 MB disk was filled.
 */
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/browser';
import { Dashboard } from '../e2e/pages/Dashboard';
import { Home } from '../e2e/pages/Home';
import { PinScreen } from '../e2e/pages/PinScreen';
import { SessionForm, validSession } from '../e2e/pages/SessionForm';
import { DEMO } from '../e2e/support/tablet';

const CASES = ['none', 'blob', 'save', 'create', 'many', 'recover'] as const;
type Case = (typeof CASES)[number];

const work = mkdtempSync(join(tmpdir(), 'codesign-real-disk-full-'));
const disk = join(work, 'disk');
mkdirSync(disk);

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const dataDir = mkdtempSync(join(work, 'server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/serve.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += String(d);
      const line = seen.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the server stopped (${code}) before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

const launch = (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(join(disk, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1024, height: 768 },
    timeout: 60_000,
  });

/**
 * Closes the browser; one that stopped answering may never say it closed, and would keep the profile's databases
 * locked ("Internal error opening backing store"), so after 10 s its processes are killed.
 */
async function closeOrKill(context: BrowserContext): Promise<void> {
  let closed = await Promise.race([
    context.close().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
  ]);
  if (closed) return;
  process.stdout.write('(the browser did not close in 10 s: killed)\n');
  closed = true;
  try {
    execFileSync('pkill', ['-KILL', '-f', join(disk, 'profile')]);
  } catch {
    // None left.
  }
  await new Promise((r) => setTimeout(r, 1000));
}

/** Every database of the page's origin, with each store's record count. */
function inventory(page: Page): Promise<Record<string, Record<string, number> | string>> {
  return page.evaluate(async () => {
    const out: Record<string, Record<string, number> | string> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      out[name] = await new Promise<Record<string, number> | string>((resolve) => {
        const request = indexedDB.open(name);
        request.onerror = () => resolve(`${request.error?.name}: ${request.error?.message}`);
        request.onsuccess = () => {
          const db = request.result;
          const stores = [...db.objectStoreNames];
          if (stores.length === 0) {
            db.close();
            resolve({});
            return;
          }
          const tx = db.transaction(stores);
          const counts: Record<string, number> = {};
          for (const store of stores) {
            const count = tx.objectStore(store).count();
            count.onsuccess = () => (counts[store] = count.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      });
    }
    return out;
  });
}

/** The inventory, or what stopped it: an open refused, or no answer in 10 s (a connection the full disk broke). */
function inventoryOrNot(page: Page): Promise<string> {
  return Promise.race([
    inventory(page).then(
      (found) => JSON.stringify(found),
      (e: unknown) => `refused: ${(e as Error).message.split('\n')[0]}`,
    ),
    new Promise<string>((r) => setTimeout(() => r('no answer in 10 s'), 10_000)),
  ]);
}

/** Opens `name` (made empty if missing) and says what Chromium's upgrade event reports of lost data. */
function dataLossOnOpen(name: string): Promise<string> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    let said = 'no upgrade (the database was there)';
    request.onupgradeneeded = (event) => {
      const loss = event as IDBVersionChangeEvent & { dataLoss?: string; dataLossMessage?: string };
      said = `upgrade from version ${event.oldVersion}; dataLoss: ${loss.dataLoss ?? '(none)'}; message: ${loss.dataLossMessage ?? '(none)'}`;
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(said);
    };
    request.onerror = () => resolve(`${request.error?.name}: ${request.error?.message}`);
  });
}

/** Writes into `database` (made with one store when new) until refused or `limit` writes: what each gave. */
function writeUntilRefused(
  page: Page,
  database: string | null,
  bytes: number,
  limit: number,
): Promise<string[]> {
  return page.evaluate(
    async ({ database, bytes, limit }) => {
      const name =
        database ??
        (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('codesign-session-'));
      if (!name) return ['no session database'];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => request.result.createObjectStore('updates', { autoIncrement: true });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const outcomes: string[] = [];
      let committed = 0;
      for (let i = 0; i < limit; i++) {
        const value = new Uint8Array(bytes);
        for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(value.subarray(at, at + 65536));
        const outcome = await new Promise<string>((resolve) => {
          // A transaction on a connection the full disk broke may never say how it ended.
          setTimeout(() => resolve('no answer in 10 s'), 10_000);
          try {
            const tx = db.transaction('updates', 'readwrite');
            tx.objectStore('updates').add(value);
            tx.oncomplete = () => resolve('committed');
            tx.onabort = () => resolve(`aborted: ${tx.error?.name}: ${tx.error?.message}`);
          } catch (e) {
            resolve(`threw: ${(e as Error).name}: ${(e as Error).message}`);
          }
        });
        if (outcome === 'committed') committed += 1;
        else {
          outcomes.push(`write ${i + 1}: ${outcome}`);
          if (outcomes.length >= 2 || outcome.startsWith('no answer')) break;
        }
      }
      db.close();
      return [`${committed} committed`, ...outcomes];
    },
    { database, bytes, limit },
  );
}

/** What the browser says of the origin's space: quota and usage, and so what is left (`navigator.storage`). */
function estimate(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    return `quota ${(quota / 1e6).toFixed(1)} MB, usage ${(usage / 1e6).toFixed(1)} MB, left ${((quota - usage) / 1e6).toFixed(1)} MB`;
  });
}

/** A copy kept outside IndexedDB: a file in the origin's private file system, and a localStorage key. */
function writeProbes(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const file = await root.getFileHandle('probe.bin', { create: true });
    const writable = await file.createWritable();
    await writable.write(new Uint8Array(100_000).fill(7));
    await writable.close();
    localStorage.setItem('probe', 'kept');
    return 'opfs probe.bin 100000 bytes, localStorage probe';
  });
}

/** Whether the probes survived. */
function readProbes(page: Page): Promise<string> {
  return page.evaluate(async () => {
    let opfs: string;
    try {
      const root = await navigator.storage.getDirectory();
      const file = await (await root.getFileHandle('probe.bin')).getFile();
      const bytes = new Uint8Array(await file.arrayBuffer());
      opfs = `opfs probe.bin ${bytes.length} bytes, all 7: ${bytes.every((b) => b === 7)}`;
    } catch (e) {
      opfs = `opfs: ${(e as Error).name}: ${(e as Error).message}`;
    }
    return `${opfs}; localStorage probe: ${localStorage.getItem('probe')}`;
  });
}

/** The app's alerts and status lines on screen. */
async function shown(page: Page): Promise<string> {
  const texts = await page.locator('[role=alert], [role=status]').allInnerTexts();
  return texts
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' | ');
}

async function run(which: Case): Promise<void> {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=60m', 'tmpfs', disk]);
  const server = await startServer();
  const said: string[] = [];
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => said.push(`page error: ${e.name}: ${e.message}`));
    const home = new Home(page);
    await home.goto(server.url);
    await home.openDemo();
    await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
    const dashboard = new Dashboard(page, DEMO.title);
    await dashboard.waitUntilShown();
    said.push(`before: ${JSON.stringify(await inventory(page))}`);
    said.push(`probes written: ${await writeProbes(page)}`);
    said.push(`space before filling: ${await estimate(page).catch((e: unknown) => String(e))}`);
    for (const [file, block] of [
      ['fill-1', '64k'],
      ['fill-2', '4k'],
      ['fill-3', '512'],
    ]) {
      try {
        execSync(`dd if=/dev/zero of=${join(disk, file!)} bs=${block} 2>/dev/null`);
      } catch {
        // dd stops at "No space left on device": the point.
      }
    }
    said.push(`space after filling: ${await estimate(page).catch((e: unknown) => String(e))}`);
    try {
      if (which === 'blob')
        said.push(...(await writeUntilRefused(page, 'real-disk-full-blob', 2_000_000, 1)));
      if (which === 'many') said.push(...(await writeUntilRefused(page, null, 2000, 3000)));
      if (which === 'save') {
        await dashboard.openEditForm();
        await page.getByRole('checkbox', { name: 'Cymraeg', exact: true }).check();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page
          .getByText(/Saved|not saved|could not be saved/)
          .first()
          .waitFor({ timeout: 15_000 });
        said.push(`the app said: ${await shown(page)}`);
      }
      if (which === 'recover') {
        // Another database's writes until the disk refuses one (as if the app's own write had been refused), then
        // the facilitator's change; space freed, then a change not made before, and what storage holds then.
        page.on('console', (m) => {
          if (m.type() === 'warning' || m.type() === 'error') said.push(`console ${m.type()}: ${m.text()}`);
        });
        said.push(...(await writeUntilRefused(page, 'real-disk-full-filler', 2000, 3000)));
        const save = page.getByRole('button', { name: 'Save changes' });
        const language = (name: string) => page.getByRole('checkbox', { name, exact: true });
        /** Opens "Edit session" from the dashboard: true when the form is shown, else what the screen says. */
        const openForm = async (): Promise<true | string> => {
          await dashboard.openEditForm();
          const isShown = await save.waitFor({ timeout: 5000 }).then(
            () => true,
            () => false,
          );
          return isShown || (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        };
        /** Clicks "Save changes" and waits for the app's own save state (not "Nothing has changed", idle). */
        const saved = async (): Promise<string> => {
          await save.click();
          const state = page.locator('[data-save-state]').first();
          await page
            .locator('[data-save-state="saved"], [data-save-state="failed"]')
            .first()
            .waitFor({ timeout: 15_000 })
            .catch(() => undefined);
          return `${await state.getAttribute('data-save-state')}: ${await shown(page)}`;
        };
        const form = await openForm();
        if (form === true) {
          await language('Cymraeg').check();
          said.push(`the app said, disk full (Cymraeg on): ${await saved()}`);
        } else {
          said.push(`the edit screen, disk full: ${form}`);
        }
        said.push(`disk full, stored: ${await inventoryOrNot(page)}`);
        execSync(`rm -f ${join(disk, 'fill-')}*`);
        // Back to the dashboard and "Edit session" again, in the app (no page load): the form reads storage.
        await page.goBack();
        await dashboard.waitUntilShown();
        const again = await openForm();
        if (again === true) {
          said.push(
            `space back, the form read from storage: Cymraeg on: ${await language('Cymraeg').isChecked()}`,
          );
          await language('Cymraeg').check();
          await language('Polski').check();
          said.push(`the app said, space back (Cymraeg and Polski on): ${await saved()}`);
          await page.goBack();
          await dashboard.waitUntilShown();
          if ((await openForm()) === true) {
            said.push(
              `then read from storage: Cymraeg on: ${await language('Cymraeg').isChecked()}, Polski on: ${await language('Polski').isChecked()}`,
            );
          }
        } else {
          said.push(`the edit screen, space back: ${again}`);
        }
        said.push(`space back, stored: ${await inventoryOrNot(page)}`);
      }
      if (which === 'create') {
        await home.goto(server.url);
        await home.openCreateForm();
        const form = new SessionForm(page);
        await form.waitUntilShown();
        await form.fill(validSession('Eastbrook: what should the pot pay for?'));
        await form.submit();
        await page
          .getByText(/Facilitator mode|could not be saved|problem/i)
          .first()
          .waitFor({ timeout: 15_000 });
        said.push(`the app said: ${await shown(page)}`);
      }
      said.push(`while full: ${JSON.stringify(await inventory(page))}`);
    } catch (e) {
      said.push(`the browser stopped answering: ${(e as Error).message.split('\n')[0]}`);
    }
    await closeOrKill(context);
    execSync(`rm -f ${join(disk, 'fill-')}*`);
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/api/health`);
    for (const attempt of [1, 2, 3]) {
      const seen = await inventory(page).then(
        (found) => JSON.stringify(found),
        (e: unknown) => `refused: ${(e as Error).message.split('\n')[0]}`,
      );
      said.push(`after a restart with space back (try ${attempt}): ${seen}`);
      said.push(`probes: ${await readProbes(page).catch((e: unknown) => String(e))}`);
      if (seen === '{}') {
        // Chromium tells a page opening a database it deleted (IDBVersionChangeEvent.dataLoss, its own field).
        said.push(`opening the app's database: ${await page.evaluate(dataLossOnOpen, 'codesign-app')}`);
      }
      if (seen.startsWith('refused')) {
        // What the app shows on this start, then back to a page that runs no app code.
        await page.goto(server.url);
        await page.waitForTimeout(3000);
        said.push(
          `the app showed: ${(
            await page
              .locator('main')
              .innerText()
              .catch(() => '(nothing)')
          ).replace(/\s+/g, ' ')}`,
        );
        await page.goto(`${server.url}/api/health`);
      }
      if (!seen.startsWith('refused')) break;
      // Once more after another restart.
      await closeOrKill(context);
      context = await launch();
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/api/health`);
    }
    // The first screen, and its offer to bring back what the browser deleted (src/storage/sessionCopies.ts).
    await new Home(page).goto(server.url);
    const offer = page.getByRole('button', { name: 'Bring these sessions back' });
    const offered = await offer.waitFor({ timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    said.push(
      `spare copies offered: ${offered ? (await page.locator('[data-spare-copies] li').allInnerTexts()).join(', ') : 'none'}`,
    );
    if (offered) {
      await offer.click();
      await page.getByText('The sessions are back in the list.').waitFor();
      said.push(`brought back: ${JSON.stringify(await inventory(page))}`);
    }
    await closeOrKill(context);
  } finally {
    process.stdout.write(`\n## ${which}\n${said.map((s) => `- ${s}`).join('\n')}\n`);
    server.child.kill();
    // Lazily: a browser that stopped answering may still hold files there for a moment.
    execFileSync('umount', ['-l', disk]);
  }
}

const chosen = process.argv.slice(2).filter((a): a is Case => (CASES as readonly string[]).includes(a));
try {
  for (const which of chosen.length > 0 ? chosen : CASES) await run(which);
} finally {
  rmSync(work, { recursive: true, force: true });
}
