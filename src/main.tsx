import { render } from 'preact';
import { App } from './ui/App';
import { StorageProblem } from './ui/StorageProblem';
import { AppDb, deviceIdentity } from './storage/appDb';
import { readCachedDevice, writeCachedDevice } from './storage/deviceCache';
import { IndexedDbDocStore } from './storage/indexedDbDocStore';
import { LazyDocStore } from './storage/lazyDocStore';
import { fileSystemCopies } from './storage/sessionCopies';
import { checkStorage } from './storage/quota';
import { browserContext } from './doc/commands';
import { deviceSigner } from './storage/deviceKey';
import './ui/styles.css';

async function start(root: HTMLElement): Promise<void> {
  if (typeof indexedDB === 'undefined') {
    render(<StorageProblem />, root);
    return;
  }
  const db = new AppDb();
  const cached = readCachedDevice();
  // After the first start the identity is known without waiting for IndexedDB; it is still checked below.
  const opening = deviceIdentity(db, cached ?? undefined);
  let device;
  try {
    device = cached ?? (await opening);
  } catch {
    render(<StorageProblem />, root);
    return;
  }
  const signer = deviceSigner(db);
  // Every session document also has a spare copy outside IndexedDB, where the browser allows it (sessionCopies.ts).
  const copies = fileSystemCopies();
  // The copying store loads after the first screen: a session opened before waits for it; if it cannot be loaded,
  // the session opens without copies.
  const plain = new IndexedDbDocStore();
  const docs = copies
    ? new LazyDocStore(
        () => import('./storage/copyingDocStore').then((m) => new m.CopyingDocStore(plain, copies)),
        plain,
      )
    : plain;
  const show = (d: typeof device): void =>
    render(<App services={{ db, docs, copies, device: d, ctx: browserContext(d.id, signer) }} />, root);
  show(device);
  try {
    const stored = await opening;
    writeCachedDevice(stored);
    if (stored.id !== device.id || stored.name !== device.name) show(stored);
  } catch {
    render(<StorageProblem />, root);
  }
  // Asks the browser to keep our data (Safari clears it after 7 days otherwise); screens show the outcome.
  void checkStorage();
}

const root = document.getElementById('app')!;
void start(root);
// The service worker is registered after the first screen is up, so it never competes with it; its code (and
// workbox-window's) is not in the first download either.
if (import.meta.env.PROD)
  window.addEventListener(
    'load',
    () => void import('./ui/swBridge').then((m) => m.registerServiceWorker()).catch(() => undefined),
    { once: true },
  );
