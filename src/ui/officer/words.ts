/** Small helpers for the officer view: short ids, rule names, file names, downloads (figure names: ./figureWords.ts). */
import type { SessionSettings } from '../../domain/types';
import type { RuleName } from '../../domain/results/results';
import { slug } from '../../sync/sessionFile';
import { momentText } from '../format/dates';
import type { MessageKey, Translator } from '../i18n';

/** The first 8 characters of an id: enough to tell devices and residents apart on screen. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

export function ruleName(t: Translator, rule: RuleName): string {
  return t(`officer.rule.${rule}` as MessageKey);
}

/** e.g. "northmoor-2026-11-20-results-mes.csv". */
export function exportFileName(settings: SessionSettings, what: string, extension: string): string {
  return `${slug(settings.neighbourhood, 'session')}-${slug(settings.date, 'date')}-${what}.${extension}`;
}

/** Saves text as a download with the given name (the browser's own download; nothing leaves the device). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A moment as people read it, in the one style of src/ui/format/dates.ts: "23 November 2026 at 14:32". */
export function timeText(t: Translator, at: number): string {
  return momentText(t, at);
}
