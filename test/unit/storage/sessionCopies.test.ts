/**
 * The spare copies in the origin's private file system (src/storage/sessionCopies.ts), on a small model of it: a
 * file made by `getFileHandle(name, { create: true })` exists at once, empty (as the File System spec says), and a
 * writable's content takes its place only on a `close()` the disk accepts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CopyingDocStore } from '../../../src/storage/copyingDocStore';
import { IndexedDbDocStore } from '../../../src/storage/indexedDbDocStore';
import { fileSystemCopies } from '../../../src/storage/sessionCopies';

const notFound = (): DOMException => new DOMException('A requested file was not found.', 'NotFoundError');

/** The origin's private file system, its disk full while `disk.isFull`. */
function privateFileSystem(disk: { isFull: boolean }): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  class FileHandle {
    constructor(readonly name: string) {}
    getFile(): Promise<Blob> {
      const bytes = files.get(this.name);
      return bytes ? Promise.resolve(new Blob([bytes.slice()])) : Promise.reject(notFound());
    }
    createWritable(): Promise<{ write(b: Uint8Array): Promise<void>; close(): Promise<void> }> {
      let data = new Uint8Array(0);
      return Promise.resolve({
        write: (b: Uint8Array) => {
          data = b.slice();
          return Promise.resolve();
        },
        close: () => {
          if (disk.isFull) return Promise.reject(new DOMException('No space left', 'QuotaExceededError'));
          files.set(this.name, data);
          return Promise.resolve();
        },
      });
    }
  }
  const folder = {
    getFileHandle: (name: string, options?: { create?: boolean }) => {
      if (!files.has(name)) {
        if (!options?.create) return Promise.reject(notFound());
        files.set(name, new Uint8Array(0));
      }
      return Promise.resolve(new FileHandle(name));
    },
    removeEntry: (name: string) => (files.delete(name) ? Promise.resolve() : Promise.reject(notFound())),
    keys: (): AsyncIterable<string> => {
      const names = [...files.keys()];
      return {
        [Symbol.asyncIterator]: () => ({
          next: () =>
            Promise.resolve(
              names.length > 0
                ? { value: names.shift() ?? '', done: false }
                : { value: undefined, done: true as const },
            ),
        }),
      };
    },
  };
  const root = { getDirectoryHandle: () => Promise.resolve(folder) };
  vi.stubGlobal('navigator', { storage: { getDirectory: () => Promise.resolve(root) } });
  vi.stubGlobal('FileSystemFileHandle', FileHandle);
  return files;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

let n = 0;
const freshId = (): string => `fs-copy-${Date.now()}-${n++}`;

describe('spare copies in the private file system', () => {
  it('Given a session without a copy and the disk full, When its first copy is refused (leaving an empty file), Then it is not counted as having a copy, and at the next start opening it makes one', async () => {
    const disk = { isFull: false };
    const files = privateFileSystem(disk);
    const id = freshId();
    const plain = await new IndexedDbDocStore().open(id);
    plain.doc.getMap('proposals').set('p1', { title: 'Youth club' });
    await plain.close();

    disk.isFull = true;
    const copies = fileSystemCopies();
    if (!copies) throw new Error('no file system copies');
    await expect(copies.write(id, Y.encodeStateAsUpdate(plain.doc))).rejects.toThrow('No space left');
    expect(files.get(`${id}.yjs`)?.byteLength).toBe(0);
    expect(await copies.list()).toEqual([]);
    expect(await copies.read(id)).toBeNull();

    // The next start, with space: the session is opened and closed unchanged (an ended session), and copied.
    disk.isFull = false;
    const store = new CopyingDocStore(new IndexedDbDocStore(), copies, 60_000);
    await (await store.open(id)).close();
    const copied = new Y.Doc();
    Y.applyUpdate(copied, (await copies.read(id)) ?? new Uint8Array(0));
    expect([...copied.getMap('proposals').keys()]).toEqual(['p1']);
  });
});
