import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { charactersLeft, LIMIT_BANDS, limitBand } from './textLimit';

interface CharactersLeftProps {
  /** The id the field's aria-describedby points at (the visible count). */
  id: string;
  value: string;
  max: number;
  /** Shows the count only near and over the limit (staff forms with many fields, where a count on each is noise). */
  isQuiet?: boolean;
}

/**
 * "N characters left" under a field, shown while typing so the limit is never a surprise after pressing Add. The
 * visible count is the field's description (read when the field is focused); a separate polite live region speaks
 * only when the text comes near the limit or goes over it, once per change, not on every key. Nothing is ever cut:
 * a field with a limit has no `maxLength`, which would drop the end of pasted text without a word (and counts
 * UTF-16 units, so it can drop half an emoji's worth); the check on saving refuses an over-long text instead.
 */
export function CharactersLeft({ id, value, max, isQuiet = false }: CharactersLeftProps) {
  const t = useT();
  const left = charactersLeft(value, max);
  const band = limitBand(value, max);
  const say = (n: number): string =>
    n < 0 ? t('common.charactersOver', { count: -n }) : t('common.charactersLeft', { count: n });
  const [spoken, setSpoken] = useState('');

  useEffect(() => {
    // Only the band is a dependency: the count is read as the text crosses into it, and not again per key.
    setSpoken(band === LIMIT_BANDS.roomy ? '' : say(left));
  }, [band]);

  return (
    <>
      <p id={id} class={`field__count${band === LIMIT_BANDS.over ? ' field__count--over' : ''}`}>
        {isQuiet && band === LIMIT_BANDS.roomy ? '' : say(left)}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}
