/**
 * The bundle floor: the libraries the app cannot do without (preact, dexie, yjs, y-indexeddb, workbox-window),
 * all imported up front, and one button. Nothing runs until the button is pressed, so this page's start-up is
 * the cost of downloading, parsing and running those libraries and rendering once.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Workbox } from 'workbox-window';

function Floor() {
  const [state, setState] = useState('idle');
  const go = async (): Promise<void> => {
    const db = new Dexie('bench-floor');
    db.version(1).stores({ rows: '++id' });
    await db.open();
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence('bench-floor-doc', doc);
    await persistence.whenSynced;
    doc.getMap('m').set('pressed', Date.now());
    if ('serviceWorker' in navigator) void new Workbox('/sw.js').register();
    setState('ready');
  };
  return (
    <main>
      <h1>Bundle floor</h1>
      <button type="button" onClick={() => void go()}>
        Open the demo session
      </button>
      <p>{state}</p>
    </main>
  );
}

render(<Floor />, document.getElementById('app')!);
