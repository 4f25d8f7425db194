import { useRef } from 'preact/hooks';
import { useInWords } from '../errors';
import { useT } from '../i18n';
import { councilKeyIds, forgetCouncilKeys, loadCouncilKey, type OpenedViews } from './councilKeys';

/** A key file is a few hundred bytes: anything much larger is not one (and is not read into memory). */
const MAX_KEY_FILE_BYTES = 20_000;

/**
 * Residents' about-you answers sealed to the council key: how many there are, how many opened, the officer's
 * button to load the council's private key file (held in memory only: councilKeys.ts), and every envelope that
 * did not open, in words (which key id is missing; changed or copied envelopes). Shown only when the sessions
 * hold sealed answers.
 */
export function CouncilKeyPanel({ opened }: { opened: OpenedViews }) {
  const t = useT();
  // Put into words as the panel renders, so it follows the staff language switch.
  const [message, setMessage] = useInWords();
  const fileInput = useRef<HTMLInputElement>(null);
  if (opened.sealed === 0) return null;
  const kids = councilKeyIds();
  const missing = [
    ...new Set(opened.problems.filter((p) => p.problem === 'unknownKey').map((p) => p.kid ?? '')),
  ];
  const damaged = opened.problems.filter((p) => p.problem !== 'unknownKey').length;

  async function choose(file: File): Promise<void> {
    if (file.size > MAX_KEY_FILE_BYTES) {
      setMessage((t) => t('officer.councilKey.notAKeyFile', { fileName: file.name }));
      return;
    }
    const result = await loadCouncilKey(await file.text());
    setMessage((t) =>
      result.ok
        ? t('officer.councilKey.loaded', { kid: result.kid })
        : t(
            result.problem === 'keyIdMismatch'
              ? 'officer.councilKey.keyIdMismatch'
              : 'officer.councilKey.notAKeyFile',
            { fileName: file.name },
          ),
    );
  }

  return (
    <div class="officer-council-key" data-council-key={opened.opened === opened.sealed ? 'open' : 'sealed'}>
      <p>{t('officer.councilKey.sealed', { count: opened.sealed, opened: opened.opened })}</p>
      {missing.map((kid) => (
        <p key={kid} class="alert" data-missing-key={kid}>
          {t('officer.councilKey.missingKey', { kid })}
        </p>
      ))}
      {damaged > 0 ? (
        <p class="alert" data-damaged={damaged}>
          {t('officer.councilKey.damaged', { count: damaged })}
        </p>
      ) : null}
      {/* A real button (keyboard and screen readers reach it) that opens the hidden file chooser. */}
      <button type="button" class="btn btn--secondary" onClick={() => fileInput.current?.click()}>
        {t('officer.councilKey.load')}
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={t('officer.councilKey.load')}
        onChange={(e) => {
          const el = e.currentTarget;
          const file = el.files?.[0];
          el.value = '';
          if (file) void choose(file);
        }}
      />
      {kids.length > 0 ? (
        <button type="button" class="btn btn--secondary" onClick={forgetCouncilKeys}>
          {t('officer.councilKey.forget')}
        </button>
      ) : null}
      <p role="status">{message?.(t) ?? ''}</p>
      <p>{t('officer.councilKey.memoryOnly')}</p>
    </div>
  );
}
