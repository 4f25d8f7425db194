/**
 * Dates and moments in one style on every screen, in the screen's language (Intl with the UI's locale):
 * a session's date as "12 December 2026", a moment as "12 December 2026 at 14:30" in the device's time zone.
 * Session dates are calendar days (YYYY-MM-DD), shown as typed whatever the time zone.
 */
import type { Translator } from '../i18n';

/** "2026-12-12" -> "12 December 2026"; anything unreadable is shown as typed. */
export function sessionDate(t: Translator, iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(t.locale.intl, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * A moment (epoch ms, or an ISO timestamp) in local time: "12 December 2026 at 14:30". `timeZone` for a
 * report printed for a known place; anything unreadable is shown as given.
 */
export function momentText(t: Translator, at: number | string | Date, timeZone?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return new Intl.DateTimeFormat(t.locale.intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}
