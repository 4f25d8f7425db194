import { lazy, Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as Y from 'yjs';
import type { SessionView } from '../../../doc/session';
import { encodeSessionFile, FILE_MEDIA_TYPE, fileName } from '../../../sync/sessionFile';
import { describeError, type InWords } from '../../errors';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import type { SessionHandle } from '../../useSession';
import { bytesInWords } from '../format';
import { SHARE_RESULTS, shareOffer, shareSessionFile, type ShareOffer } from './shareFile';
import { TRANSFER_WAY, type TransferDone } from './transfer';

// The camera steps are a chunk of their own (QR drawing and reading), fetched only when a facilitator asks.
const CameraSend = lazy(() => import('./camera/CameraSend').then((m) => m.CameraSend));

/** This device's copy, ready to go before the tap: Safari wants the share sheet opened inside the tap. */
interface Prepared {
  bytes: Uint8Array;
  name: string;
  stateVector: Uint8Array;
  offer: ShareOffer;
}

interface Props {
  heading: string;
  session: SessionHandle;
  view: SessionView;
  /** Called once a transfer is done, with the state vector of the copy that went. */
  onSent: (done: TransferDone, stateVector: Uint8Array | undefined) => Promise<void>;
}

/** Hands bytes to the browser as a download called `name`. */
function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: FILE_MEDIA_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to start the download, even on a slow tablet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Send": the share sheet where the browser offers it, else why not; saving the file; the camera. */
export function SendPanel({ heading, session, view, onSent }: Props) {
  const t = useT();
  const services = useServices();
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  // Put into words as the panel renders, so it follows the staff language switch.
  const [message, setMessage] = useState<{ text: InWords; isAlert: boolean } | null>(null);
  const [notReady, setNotReady] = useState<unknown>(null);
  const [isCamera, setCamera] = useState(false);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const doc = session.doc;

  // Made again whenever the session changes, so what is sent is what this device has now.
  useEffect(() => {
    if (!doc) return;
    let isLive = true;
    const stateVector = Y.encodeStateVector(doc);
    const deviceName = view.deviceNames.get(services.device.id) ?? services.device.name;
    const now = Date.now();
    encodeSessionFile(doc, { deviceId: services.device.id, deviceName, now })
      .then((bytes) => {
        if (!isLive) return;
        const name = fileName(view.settings, deviceName, new Date(now));
        setPrepared({ bytes, name, stateVector, offer: shareOffer(bytes, name, navigator) });
      })
      .catch((e: unknown) => {
        if (isLive) setNotReady(e);
      });
    return () => {
      isLive = false;
    };
  }, [doc, view, services.device]);

  const share = async (p: Prepared, file: File): Promise<void> => {
    setMessage(null);
    const result = await shareSessionFile(file, navigator);
    if (result === SHARE_RESULTS.shared) {
      await onSent(
        { direction: 'sent', way: TRANSFER_WAY.share, bytes: file.size, at: Date.now() },
        p.stateVector,
      );
      setMessage({
        text: (t) => t('room.send.shared', { fileName: file.name, size: bytesInWords(t, file.size) }),
        isAlert: false,
      });
    } else if (result === SHARE_RESULTS.cancelled) {
      setMessage({ text: (t) => t('room.send.cancelled'), isAlert: false });
    } else {
      setMessage({ text: (t) => t('room.send.failed'), isAlert: true });
    }
  };

  const save = async (p: Prepared): Promise<void> => {
    setMessage(null);
    download(p.bytes, p.name);
    await onSent(
      { direction: 'sent', way: TRANSFER_WAY.file, bytes: p.bytes.length, at: Date.now() },
      p.stateVector,
    );
    setMessage({
      text: (t) => t('room.send.saved', { fileName: p.name, size: bytesInWords(t, p.bytes.length) }),
      isAlert: false,
    });
  };

  const offer = prepared?.offer;
  return (
    <section class="room-panel" aria-label={heading}>
      <h3>{heading}</h3>
      {offer?.kind === 'unavailable' ? (
        <p class="notice" data-share-unavailable={offer.why}>
          {offer.why === 'noShare' ? t('room.send.noShare') : t('room.send.typeRefused')}
        </p>
      ) : (
        <p>{t('room.send.shareHint')}</p>
      )}
      <div class="btn-row">
        {offer?.kind !== 'unavailable' ? (
          <button
            type="button"
            class="btn btn--primary"
            aria-disabled={prepared ? undefined : 'true'}
            onClick={() => {
              // Straight from the tap, with the file made before it.
              if (prepared?.offer.kind === 'share') void share(prepared, prepared.offer.file);
            }}
          >
            {prepared ? t('room.send.share') : t('room.send.preparing')}
          </button>
        ) : null}
        <button
          type="button"
          class={offer?.kind === 'unavailable' ? 'btn btn--primary' : 'btn'}
          aria-disabled={prepared ? undefined : 'true'}
          onClick={() => {
            if (prepared) void save(prepared);
          }}
        >
          {t('room.send.save')}
        </button>
        <button
          ref={cameraButton}
          type="button"
          class="btn"
          aria-expanded={isCamera ? 'true' : 'false'}
          onClick={() => setCamera(!isCamera)}
        >
          {t('room.send.camera')}
        </button>
      </div>
      {isCamera ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <CameraSend
            sessionId={view.records.sessionId}
            // The room's own open session: the codes are made from the copy the room shows.
            session={session}
            onDone={(done) => {
              setCamera(false);
              void onSent(done, doc ? Y.encodeStateVector(doc) : undefined);
            }}
            onCancel={() => {
              setCamera(false);
              setTimeout(() => cameraButton.current?.focus(), 0);
            }}
          />
        </Suspense>
      ) : null}
      <p class="room-status" role="status">
        {message && !message.isAlert ? message.text(t) : null}
      </p>
      {message?.isAlert || notReady ? (
        <p class="alert" role="alert">
          {message?.isAlert
            ? message.text(t)
            : t('room.send.notReady', { reason: describeError(t, notReady) })}
        </p>
      ) : null}
    </section>
  );
}
