import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';

/** Keys that only change the key pressed with them. */
const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta']);

/** "Still there?": shown when the tablet has been left alone; focus goes to "I'm still here". */
export function IdleDialog({ onStay }: { onStay: () => void }) {
  const t = useT();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const overlay = useRef<HTMLDivElement>(null);
  // Where the resident was, read while rendering: by the time an effect runs, the screen behind has turned inert and
  // the browser has taken focus off it, so the effect would only see the page itself.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    button.current?.focus();
    // Any key answers the warning (useIdle) and focus goes back to where the resident was, so a key must not
    // also move focus on from there. A modifier alone (the Shift of Shift+Tab, pressed first) is not yet an
    // answer: it would close the warning and the Tab after it would move on from the field. The key pressed
    // with it answers. Tab itself moves nothing: the answer puts focus back.
    const onKey = (e: KeyboardEvent): void => {
      if (MODIFIERS.has(e.key)) e.stopImmediatePropagation();
      else if (e.key === 'Tab') e.preventDefault();
    };
    // The warning scrolls where it is taller than the screen (larger text on a small one), and taking focus
    // scrolls its button into view: a scroll of the warning itself is not the resident's answer (useIdle counts
    // scrolls as activity), else it would close itself as it opened. A key or a tap answers it.
    const onScroll = (e: Event): void => {
      if (e.target instanceof Node && overlay.current?.contains(e.target)) e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('scroll', onScroll, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('scroll', onScroll, { capture: true });
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return (
    <div ref={overlay} class="kiosk-overlay">
      <div
        class="kiosk-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
      >
        <h2 id={`${id}-title`}>{t('kiosk.idle.title')}</h2>
        <p id={`${id}-text`}>{t('kiosk.idle.text')}</p>
        <button ref={button} type="button" class="btn btn--primary btn--large" onClick={onStay}>
          {t('kiosk.idle.stay')}
        </button>
      </div>
    </div>
  );
}
