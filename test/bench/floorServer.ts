/**
 * The floor under group 15's bursts: the least a Node process can do for the same devices on the same machine.
 *
 * A bare `ws` server (the WebSocket library Hocuspocus uses, on Node's http server with the same listen backlog as
 * ours) that answers the messages a raw device (rawDevice.ts) sends with the bytes the council server would send,
 * worked out before the burst: sign-in is acknowledged without a lookup, sync step 1 gets the session's state
 * vector and the answer kept for it (the whole day for an empty state vector, the difference for a device that
 * holds the day), the device's own step 2 is acknowledged. No token check, no SQLite, no Yjs, no session load, no
 * log, no turns. What the council server spends above this is its own work; what this spends is the machine's
 * (TCP, the WebSocket handshakes, the bytes sent) and the devices' (they run in the bench process beside it).
 *
 * Run as a child process: `node --import tsx test/bench/floorServer.ts <dir>`, where <dir> holds, per session,
 * `<id>.sv` (its state vector), `<id>.full` and `<id>.held` (the update a new device and a holding device get).
 * It prints `{"event":"listening","port":N}` as the council server does, and stops on SIGTERM.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { AUTH, message, STEP_1, STEP_2, SYNC, SYNC_STATUS } from './rawDevice';

/** Hocuspocus's Authenticated answer to a sign-in (AuthMessageType in @hocuspocus/common). */
const AUTHENTICATED = 2;

interface Answers {
  stepOne: Uint8Array;
  full: Uint8Array;
  held: Uint8Array;
  authenticated: Uint8Array;
  synced: Uint8Array;
}

/** Every session's messages, encoded once, as the council server's state cache keeps them. */
export function floorAnswers(dir: string): Map<string, Answers> {
  const answers = new Map<string, Answers>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sv'))) {
    const id = file.slice(0, -'.sv'.length);
    const read = (ext: string): Uint8Array => new Uint8Array(readFileSync(join(dir, `${id}.${ext}`)));
    const stepTwo = (update: Uint8Array): Uint8Array =>
      message(id, (e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP_2);
        encoding.writeVarUint8Array(e, update);
      });
    answers.set(id, {
      stepOne: message(id, (e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP_1);
        encoding.writeVarUint8Array(e, read('sv'));
      }),
      full: stepTwo(read('full')),
      held: stepTwo(read('held')),
      authenticated: message(id, (e) => {
        encoding.writeVarUint(e, AUTH);
        encoding.writeVarUint(e, AUTHENTICATED);
        encoding.writeVarString(e, 'read-write');
      }),
      synced: message(id, (e) => {
        encoding.writeVarUint(e, SYNC_STATUS);
        encoding.writeVarUint(e, 1);
      }),
    });
  }
  return answers;
}

/** Serves the sessions in `dir` on 127.0.0.1 (a free port) until `close`. */
export function startFloor(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  const answers = floorAnswers(dir);
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        const session = answers.get(decoding.readVarString(d));
        if (!session) return ws.close(4404, 'unknown session');
        const type = decoding.readVarUint(d);
        if (type === AUTH) return ws.send(session.authenticated);
        if (type !== SYNC) return;
        const step = decoding.readVarUint(d);
        if (step === STEP_1) {
          // An empty state vector is one byte (no clients): a new device; anything else holds the day.
          const stateVector = decoding.readVarUint8Array(d);
          ws.send(session.stepOne);
          ws.send(stateVector.byteLength <= 1 ? session.full : session.held);
        } else if (step === STEP_2) ws.send(session.synced);
      });
    });
  });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      wss.clients.forEach((c) => c.terminate());
      http.close(() => resolve());
    });
  return new Promise((resolve) => {
    http.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
      const address = http.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, close });
    });
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const floor = await startFloor(process.argv[2]!);
  process.stdout.write(`${JSON.stringify({ event: 'listening', port: floor.port })}\n`);
  process.on('SIGTERM', () => void floor.close().then(() => process.exit(0)));
}
