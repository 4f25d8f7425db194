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
  const storage = await checkStorage();
  if (storage.state === 'unavailable') {
    render(<StorageProblem />, root);
    return;
  }
  const db = new AppDb();
  let device;
  try {
    device = await deviceIdentity(db);
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
if (import.meta.env.PROD) void registerServiceWorker();
