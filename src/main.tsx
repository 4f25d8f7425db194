import { render } from 'preact';
import { App } from './ui/App';
import { StorageProblem } from './ui/StorageProblem';
import { AppDb, deviceIdentity } from './storage/appDb';
import { IndexedDbDocStore } from './storage/indexedDbDocStore';
import { checkStorage } from './storage/quota';
import { browserContext } from './doc/commands';
import { registerServiceWorker } from './ui/swBridge';
import './ui/styles.css';

async function start(root: HTMLElement): Promise<void> {
  if (typeof indexedDB === 'undefined') {
    render(<StorageProblem />, root);
    return;
  }
  const db = new AppDb();
  let device;
  let storage;
  try {
    // Both touch storage; neither needs the other, so the first screen waits for the slower one only.
    [device, storage] = await Promise.all([deviceIdentity(db), checkStorage()]);
  } catch {
    render(<StorageProblem />, root);
    return;
  }
  render(
    <App services={{ db, docs: new IndexedDbDocStore(), device, ctx: browserContext(device.id), storage }} />,
    root,
  );
}

const root = document.getElementById('app')!;
void start(root);
// The service worker is registered after the first screen is up, so it never competes with it.
if (import.meta.env.PROD) window.addEventListener('load', () => void registerServiceWorker(), { once: true });
