import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import * as Y from 'yjs';
import type { SessionView } from '../../../doc/session';
import {
  asRoomTransfer,
  recordTransfer,
  roomLogDb,
  transfersOf,
  type RoomLogEntry,
} from '../../../storage/roomLog';
import { roomAsSeenHere, sessionDeviceIds, TABLET_STATES, type TabletInRoom } from '../../../sync/roomStatus';
import { clockText } from '../../format/dates';
import { deviceText } from '../../format/devices';
import { useT, type Translator } from '../../i18n';
import { useServices } from '../../services';
import { usePageTitle } from '../../usePageTitle';
import { useSession, type SessionHandle } from '../../useSession';
import { bytesInWords } from '../format';
import { LoadFailed } from '../LoadFailed';
import { ReceivePanel } from './ReceivePanel';
import { SendPanel } from './SendPanel';
import type { TransferDone } from './transfer';
import './messages';
import '../messages';
import '../facilitator.css';
import './room.css';

const STEPS = { gather: 'gather', handBack: 'handBack' } as const;
type Step = (typeof STEPS)[keyof typeof STEPS];

/**
 * The room with no internet: the tablets of this session, what each has sent and received, and the "Gather" and
 * "Hand back" steps. Behind the session's PIN (src/ui/kioskRouting.ts): a kiosk can neither show nor start it.
 */
export function RoomScreen({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useSession(sessionId);
  const { view } = session;
  usePageTitle(t('room.heading'), view?.settings.title);

  if (!view) {
    return (
      <main class="page" id="main" tabIndex={-1}>
        <h1>{t('room.heading')}</h1>
        {session.state === 'loading' ? (
          <p>{t('common.loading')}</p>
        ) : (
          <LoadFailed session={session} sessionId={sessionId} />
        )}
        <a class="btn" href={`#/session/${sessionId}`}>
          {t('room.back')}
        </a>
      </main>
    );
  }
  return <Room session={session} view={view} />;
}

function Room({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const services = useServices();
  const sessionId = view.records.sessionId;
  const [step, setStep] = useState<Step>(STEPS.gather);
  const [log, setLog] = useState<RoomLogEntry[]>([]);

  const reload = useCallback(async (): Promise<void> => {
    setLog(await transfersOf(roomLogDb(), sessionId));
  }, [sessionId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const record = async (done: TransferDone, stateVector: Uint8Array | undefined): Promise<void> => {
    // The log is this device's convenience (as for files received, ./logReceived.ts): a transfer that happened
    // is still said to have happened when the log cannot be written (a full disk); the table just knows less.
    try {
      await recordTransfer(roomLogDb(), sessionId, done, stateVector);
      await reload();
    } catch {
      // Nothing is lost: the session is stored, or the file went, whatever the log says.
    }
  };

  const doc = session.doc;
  // `view` changes with every update of the document: the tablets' states are read again with it.
  const { isGathering, tablets } = useMemo(
    () =>
      doc
        ? roomAsSeenHere(
            services.device.id,
            sessionDeviceIds(view.records),
            log.map((e) => asRoomTransfer(e, Y.decodeStateVector)),
            Y.decodeStateVector(Y.encodeStateVector(doc)),
          )
        : { isGathering: true, tablets: [] },
    [doc, view, log, services.device.id],
  );
  const gathered = tablets.filter((x) => x.state !== TABLET_STATES.notGathered).length;
  const missing = tablets.filter(
    (x) => x.state === TABLET_STATES.notGathered || x.state === TABLET_STATES.behind,
  ).length;

  return (
    <main class="page fac-page room-page" id="main" tabIndex={-1}>
      <header class="page__header fac-header">
        <p class="fac-eyebrow">{t('room.eyebrow')}</p>
        <h1>{t('room.heading')}</h1>
        <p class="lead">{view.settings.title}</p>
        <p>{t('room.intro')}</p>
        <a class="btn" href={`#/session/${sessionId}`}>
          {t('room.back')}
        </a>
      </header>

      <div class="room-steps btn-row" role="group" aria-label={t('room.steps')}>
        <button
          type="button"
          class={step === STEPS.gather ? 'btn btn--primary' : 'btn'}
          aria-pressed={step === STEPS.gather ? 'true' : 'false'}
          onClick={() => setStep(STEPS.gather)}
        >
          {t('room.step.gather')}
        </button>
        <button
          type="button"
          class={step === STEPS.handBack ? 'btn btn--primary' : 'btn'}
          aria-pressed={step === STEPS.handBack ? 'true' : 'false'}
          onClick={() => setStep(STEPS.handBack)}
        >
          {t('room.step.handBack')}
        </button>
      </div>

      {/* Keyed: each step's panels start clean, so what one step sent or opened never shows under the other. */}
      {step === STEPS.gather ? (
        <section
          key={STEPS.gather}
          class="card room-step"
          aria-labelledby="room-gather-heading"
          data-room-step="gather"
        >
          <h2 id="room-gather-heading">{t('room.gather.heading')}</h2>
          <ol class="room-todo">
            <li>{t('room.gather.do1')}</li>
            <li>{t('room.gather.do2')}</li>
            <li>{t('room.gather.do3')}</li>
          </ol>
          <p class="room-progress" data-room-gathered={gathered}>
            {!isGathering
              ? t('room.elsewhere')
              : tablets.length === 0
                ? t('room.gather.none')
                : t('room.gather.progress', { gathered, count: tablets.length })}
          </p>
          {/* In the order of the steps above: the tablets send, the device gathering receives. */}
          <SendPanel heading={t('room.gather.send')} session={session} view={view} onSent={record} />
          <ReceivePanel
            heading={t('room.gather.receive')}
            session={session}
            view={view}
            onReceived={record}
            onLogged={reload}
          />
        </section>
      ) : (
        <section
          key={STEPS.handBack}
          class="card room-step"
          aria-labelledby="room-handback-heading"
          data-room-step="handBack"
        >
          <h2 id="room-handback-heading">{t('room.handBack.heading')}</h2>
          <ol class="room-todo">
            <li>{t('room.handBack.do1')}</li>
            <li>{t('room.handBack.do2')}</li>
            <li>{t('room.handBack.do3')}</li>
          </ol>
          <p class="room-progress" data-room-missing={missing}>
            {!isGathering
              ? t('room.elsewhere')
              : tablets.length === 0
                ? t('room.gather.none')
                : missing === 0
                  ? t('room.handBack.allSent')
                  : t('room.handBack.progress', { behind: missing, count: tablets.length })}
          </p>
          <SendPanel heading={t('room.handBack.send')} session={session} view={view} onSent={record} />
          <ReceivePanel
            heading={t('room.handBack.receive')}
            session={session}
            view={view}
            onReceived={record}
            onLogged={reload}
          />
        </section>
      )}

      <TabletsTable
        isGathering={isGathering}
        tablets={tablets}
        view={view}
        selfId={services.device.id}
        selfName={services.device.name}
      />
      <TransferLog log={log} view={view} />
    </main>
  );
}

function when(t: Translator, at: number | null): string {
  return at === null ? t('room.tablets.never') : clockText(t, at);
}

function TabletsTable({
  isGathering,
  tablets,
  view,
  selfId,
  selfName,
}: {
  /** False on a tablet that gave its ideas to another device: it lists only that device. */
  isGathering: boolean;
  tablets: readonly TabletInRoom[];
  view: SessionView;
  selfId: string;
  selfName: string;
}) {
  const t = useT();
  return (
    <section class="card" aria-labelledby="room-tablets-heading">
      <h2 id="room-tablets-heading">{t('room.tablets.heading')}</h2>
      <p>{t('room.tablets.self', { name: view.deviceNames.get(selfId) ?? selfName })}</p>
      {tablets.length === 0 ? (
        <p>{isGathering ? t('room.gather.none') : t('room.elsewhere')}</p>
      ) : (
        <div class="room-table-wrap">
          <table class="room-tablets">
            <caption>{t('room.tablets.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('room.tablets.tablet')}</th>
                <th scope="col">{t('room.tablets.received')}</th>
                <th scope="col">{t('room.tablets.sent')}</th>
                <th scope="col">{t('room.tablets.state')}</th>
              </tr>
            </thead>
            <tbody>
              {tablets.map((x) => (
                <tr key={x.deviceId} data-room-tablet={x.deviceId} data-room-state={x.state}>
                  <th scope="row">{deviceText(t, x.deviceId, view)}</th>
                  <td>{when(t, x.lastReceivedAt)}</td>
                  <td>{when(t, x.lastSentAt)}</td>
                  <td>{t(`room.state.${x.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TransferLog({ log, view }: { log: readonly RoomLogEntry[]; view: SessionView }) {
  const t = useT();
  const newestFirst = [...log].reverse();
  return (
    <section class="card" aria-labelledby="room-log-heading">
      <h2 id="room-log-heading">{t('room.log.heading')}</h2>
      {newestFirst.length === 0 ? (
        <p>{t('room.log.empty')}</p>
      ) : (
        <ul class="room-log">
          {newestFirst.map((e) => (
            <li key={e.id}>{logLine(t, e, view)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function logLine(t: Translator, e: RoomLogEntry, view: SessionView): string {
  const params = {
    when: clockText(t, e.at),
    way: t(`room.way.${e.way}`),
    size: bytesInWords(t, e.bytes),
    device: e.peerDeviceId
      ? (view.deviceNames.get(e.peerDeviceId) ?? e.peerName ?? deviceText(t, e.peerDeviceId, view))
      : t('room.log.unknownDevice'),
  };
  if (e.direction === 'sent') {
    if (e.peerDeviceId) return t('room.log.sent', params);
    // Saved as a file (a download): nobody was picked, it went to this device's files.
    return e.way === 'file' ? t('room.log.savedFile', params) : t('room.log.sentAnyone', params);
  }
  return e.recordsAdded === undefined
    ? t('room.log.received', params)
    : t('room.log.receivedAdded', { ...params, count: e.recordsAdded });
}
