/**
 * Dates and moments in one style on every screen, in the screen's language (Intl with the UI's locale):
 * a session's date as "12 December 2026", a moment as "12 December 2026 at 14:30" in the device's time zone.
 * Session dates are calendar days (YYYY-MM-DD), shown as typed whatever the time zone.
 *
 * A browser may lack a language's date data: Chromium's ICU has no Welsh, so `Intl.DateTimeFormat('cy-GB')`
 * quietly answers in American English ("November 24, 2026 at 2:30 PM") on an otherwise Welsh screen. Where the
 * browser does not support the locale, the date is written from the catalogue's own month names and patterns
 * (`date.month.1` … `date.moment`), with the day, month, year and time worked out by Intl in the same time zone.
 */
import type { MessageKey, Translator } from '../i18n';

/** Whether this browser has date data for the locale (not a silent fallback to another language). */
const supported = new Map<string, boolean>();
function hasDateData(intl: string): boolean {
  let known = supported.get(intl);
  if (known === undefined) {
    known = Intl.DateTimeFormat.supportedLocalesOf([intl]).length > 0;
    supported.set(intl, known);
  }
  return known;
}

interface Fields {
  day: number;
  month: number;
  year: number;
  hour: number;
  minute: number;
}

/** The calendar fields of a moment in a time zone (the device's when not given), independent of any language. */
function fieldsOf(d: Date, timeZone?: string): Fields {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(d);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    day: field('day'),
    month: field('month'),
    year: field('year'),
    hour: field('hour'),
    minute: field('minute'),
  };
}

/** "24 Tachwedd 2026", from the catalogue, for a language the browser has no date data for. */
export function dayInWords(t: Translator, f: Pick<Fields, 'day' | 'month' | 'year'>): string {
  // Day and year go in as text: a year is not a quantity ("2026", never "2,026").
  return t('date.day', {
    day: String(f.day),
    month: t(`date.month.${f.month}` as MessageKey),
    year: String(f.year),
  });
}

/** "24 Tachwedd 2026 am 14:30", from the catalogue (24-hour clock). */
export function momentInWords(t: Translator, f: Fields): string {
  const time = `${String(f.hour).padStart(2, '0')}:${String(f.minute).padStart(2, '0')}`;
  return t('date.moment', { date: dayInWords(t, f), time });
}

/** "2026-12-12" -> "12 December 2026"; anything unreadable is shown as typed. */
export function sessionDate(t: Translator, iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  if (!hasDateData(t.locale.intl)) return dayInWords(t, fieldsOf(d, 'UTC'));
  return new Intl.DateTimeFormat(t.locale.intl, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * A moment (epoch ms, or an ISO timestamp) in local time: "12 December 2026 at 14:30" ("12 Dec 2026, 14:30" with
 * `dateStyle` medium, for a chart's table). `timeZone` for a report printed for a known place; anything unreadable
 * is shown as given.
 */
export function momentText(
  t: Translator,
  at: number | string | Date,
  timeZone?: string,
  dateStyle: 'long' | 'medium' = 'long',
): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  if (!hasDateData(t.locale.intl)) return momentInWords(t, fieldsOf(d, timeZone));
  return new Intl.DateTimeFormat(t.locale.intl, {
    dateStyle,
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** The day of a moment: "24 November 2026", in the device's time zone unless one is given. */
export function dayText(t: Translator, at: number | string | Date, timeZone?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  if (!hasDateData(t.locale.intl)) return dayInWords(t, fieldsOf(d, timeZone));
  return new Intl.DateTimeFormat(t.locale.intl, {
    dateStyle: 'long',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** The time of a moment: "14:30" (the language's own clock where the browser knows it). */
export function clockText(t: Translator, at: number | string | Date, timeZone?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  if (!hasDateData(t.locale.intl)) {
    const f = fieldsOf(d, timeZone);
    return `${String(f.hour).padStart(2, '0')}:${String(f.minute).padStart(2, '0')}`;
  }
  return new Intl.DateTimeFormat(t.locale.intl, {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** A short day for a chart's axis: "24 Nov" (or "24 Tachwedd" from the catalogue). */
export function dayMonthText(t: Translator, at: number | string | Date, timeZone?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  if (!hasDateData(t.locale.intl)) {
    const f = fieldsOf(d, timeZone);
    return t('date.dayMonth', { day: String(f.day), month: t(`date.month.${f.month}` as MessageKey) });
  }
  return new Intl.DateTimeFormat(t.locale.intl, {
    day: 'numeric',
    month: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}
