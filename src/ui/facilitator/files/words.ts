/** Session files in words: what a preview adds, which devices it comes from, and why a file was refused. */
import {
  FILE_EXTENSION,
  isSessionFileError,
  type ImportCounts,
  type ImportPreview,
} from '../../../sync/sessionFile';
import { describeError } from '../../errors';
import { isolate, type Translator } from '../../i18n';
import { momentText } from '../../format/dates';
import { bytesInWords } from '../format';

/** The order kinds of record are listed in a sentence: what facilitators look for first. */
const KINDS: readonly (keyof ImportCounts)[] = [
  'proposals',
  'comments',
  'ballots',
  'participants',
  'moderation',
  'statuses',
  'settings',
  'devices',
];

/**
 * "A, B and C" in the screen's language: Intl's list where the browser has it for the language, else the
 * catalogue's `list.and` (Chromium has no Welsh list data and wrote "Tabled 1, Tabled 2, and Tabled 3").
 */
export function listInWords(
  t: Translator,
  items: readonly string[],
  { hasListData = Intl.ListFormat.supportedLocalesOf([t.locale.intl]).length > 0, ownWords = false } = {},
): string {
  if (hasListData)
    return new Intl.ListFormat(t.locale.intl, { style: 'long', type: 'conjunction' }).format(items);
  if (items.length < 2) return items.join('');
  const written = items.at(-1)!;
  const key = startsWithVowelSound(written) ? 'list.andVowel' : 'list.and';
  const last = ownWords ? afterAnd(t, written) : written;
  return t(key, { rest: items.slice(0, -1).join(', '), last });
}

/**
 * How a word changes after "and", by language, as [from, to] starts: Welsh takes the spirant mutation after "a"
 * ("Saesneg a Chymraeg", "a Phwyleg"). A rule of grammar, like plurals, so it lives here rather than in a catalogue.
 */
const AFTER_AND: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  cy: [
    ['c', 'ch'],
    ['p', 'ph'],
    ['t', 'th'],
  ],
};

/** The app's own word as it is written after "and" in the screen's language. */
function afterAnd(t: Translator, word: string): string {
  const lower = word.toLowerCase();
  const rule = (AFTER_AND[t.locale.code] ?? []).find(
    ([from, to]) => lower.startsWith(from) && !lower.startsWith(to),
  );
  if (!rule) return word;
  const [from, to] = rule;
  const head = word.slice(0, from.length);
  return (
    (head === head.toUpperCase() ? to.charAt(0).toUpperCase() + to.slice(1) : to) + word.slice(from.length)
  );
}

/**
 * Whether a list's last item starts with a vowel sound, for languages whose "and" changes before one (Welsh "a"
 * becomes "ac": "Saesneg ac Wrdw"). A letter a e i o u w y (any accent), or a number read in Welsh from "un" (1,
 * 11) or "wyth" (8, 80-89, 800-899, 8,000-8,999). Other languages' catalogues give both keys the same words.
 * Left to a Welsh speaker: the spirant mutation after "a" ("a Thabled 3"), which our lists do not make, as names
 * typed by people are usually left as typed.
 */
export function startsWithVowelSound(text: string): boolean {
  // What is said first: opening quotes and brackets are not ("“Arabeg”" starts with a vowel).
  const start = text.replace(/^[\s\p{P}\p{S}]+/u, '');
  const digits = /^\d[\d,]*/.exec(start)?.[0].replaceAll(',', '');
  if (digits !== undefined) return digits === '1' || digits === '11' || digits.startsWith('8');
  const first = start.normalize('NFD').charAt(0).toLowerCase();
  return 'aeiouwy'.includes(first) && first !== '';
}

/** "14 ideas, 32 comments and 11 ballots"; '' when every count is zero. */
export function countsInWords(t: Translator, counts: Partial<ImportCounts>): string {
  const parts = KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) =>
    t(`files.n.${k}`, { count: counts[k] ?? 0 }),
  );
  return parts.length > 0 ? listInWords(t, parts) : '';
}

/** "Tablet 3 and Tablet 5": each exporting device once. */
export function devicesInWords(t: Translator, preview: ImportPreview): string {
  const names = [...new Set(preview.sources.map((s) => s.deviceName || s.deviceId))];
  return listInWords(t, names.map(isolate));
}

/** When a file was saved, in the screen's language and the one style of moments: "23 November 2026 at 14:02". */
export function whenInWords(t: Translator, iso: string): string {
  return momentText(t, iso);
}

/** The preview's main sentences (what the import would do), most important first. */
export function previewInWords(t: Translator, preview: ImportPreview): string[] {
  const devices = devicesInWords(t, preview);
  if (preview.isNewSession) {
    const what = countsInWords(t, {
      proposals: preview.totals.proposals,
      comments: preview.totals.comments,
      ballots: preview.totals.ballots,
      participants: preview.totals.participants,
    });
    return [
      what
        ? t('files.preview.newSession', { title: preview.sessionTitle, what, devices })
        : t('files.preview.newSessionEmpty', { title: preview.sessionTitle, devices }),
    ];
  }
  if (!preview.hasChanges) return [t('files.preview.nothingNew', { count: preview.sources.length })];
  const what = countsInWords(t, preview.adds);
  const out = [what ? t('files.preview.adds', { what, devices }) : t('files.preview.addsOther', { devices })];
  const replaced = countsInWords(t, preview.replaces);
  if (replaced) out.push(t('files.preview.replaces', { what: replaced }));
  if (preview.updatedParticipants > 0) {
    out.push(t('files.preview.updated', { count: preview.updatedParticipants }));
  }
  return out;
}

/** What was added, once it is stored. */
export function doneInWords(t: Translator, preview: ImportPreview): string {
  if (!preview.hasChanges) return t('files.doneNothing');
  const what = countsInWords(t, preview.adds);
  const devices = devicesInWords(t, preview);
  return what ? t('files.done', { what, devices }) : t('files.doneOther', { devices });
}

/** A refusal that names the file, for someone who is not technical; nothing changed. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
  constructor(
    readonly key: 'files.mixedSessions' | 'files.unreadable',
    readonly fileName: string,
  ) {
    super(key);
  }
}

export interface FileNames {
  /** The names of the files being imported, for errors that name none. */
  names: readonly string[];
  /** Session titles by file name, for "is for another session". */
  titles?: ReadonlyMap<string, string>;
}

/** Why a file named like a session file is not one, from the reader's reason ('empty', 'magic'). */
function notASessionFileWhy(t: Translator, reason: unknown): string {
  if (reason === 'empty') return t('fileError.why.empty');
  if (reason === 'magic') return t('fileError.why.magic');
  return t('fileError.why.other');
}

/** One clear sentence for any problem with session files: a SessionFileError by its code, or anything else. */
export function describeFileError(t: Translator, e: unknown, files: FileNames): string {
  if (e instanceof FileProblem) return t(e.key, { fileName: e.fileName });
  if (!isSessionFileError(e)) return describeError(t, e);
  const named = e.params.fileName;
  const fileName = typeof named === 'string' && named !== '' ? named : listInWords(t, files.names);
  switch (e.code) {
    case 'tooLarge':
      return t('fileError.tooLarge', {
        fileName,
        size: bytesInWords(t, Number(e.params.bytes ?? 0)),
        limit: bytesInWords(t, Number(e.params.maxBytes ?? 0)),
      });
    case 'wrongSession': {
      const title = e.params.title ?? files.titles?.get(fileName);
      return title
        ? t('fileError.wrongSession', { fileName, title })
        : t('files.wrongSessionNoTitle', { fileName });
    }
    case 'badContent':
      return t('fileError.badContent', { fileName, count: Number(e.params.count ?? 0) });
    case 'notASessionFile':
      return fileName.toLowerCase().endsWith(FILE_EXTENSION)
        ? t('fileError.notASessionFileNamed', { fileName, why: notASessionFileWhy(t, e.params.reason) })
        : t('fileError.notASessionFile', { fileName });
    default:
      return t(`fileError.${e.code}`, { fileName });
  }
}
