import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../../i18n';
import type { FrameScan } from './useFrameScan';

/**
 * What the camera sees while it reads the other tablet's codes, with Stop (focused as soon as the camera is
 * asked for, so it can be turned off at once). Shown only while the camera is on.
 */
export function CameraView({ scan, onStop }: { scan: FrameScan; onStop: () => void }) {
  const t = useT();
  const stopButton = useRef<HTMLButtonElement>(null);
  const isOpen = scan.camera.view !== 'closed';
  useEffect(() => {
    if (isOpen) stopButton.current?.focus();
  }, [isOpen]);
  if (!isOpen) return null;
  return (
    <div class="sync-scan__view camera-view" role="group" aria-label={t('camera.view')}>
      <div class="sync-scan__frame">
        <video ref={scan.camera.video} class="sync-scan__video" muted playsInline aria-hidden="true" />
      </div>
      <button ref={stopButton} type="button" class="btn" onClick={onStop}>
        {t('camera.stop')}
      </button>
    </div>
  );
}
