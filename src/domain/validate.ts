/**
 * Input validation shared by the commands (which refuse bad input before touching the document) and by the
 * checks run on untrusted data (files, sync). Each check throws a ValidationError naming the field.
 */
import { ValidationError } from './errors';
import { LIMITS } from './limits';
import type { FundingStream, Theme, Pence } from './types';

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Nobody types them on purpose, and one
 * left open reverses the words after it: "Bus pass U+202E costs £1,000" made the staff sentence around it read
 * "000,1£ stsoc". The marks (LRM U+200E, RLM U+200F, ALM U+061C) are kept: Arabic and Urdu keyboards and
 * writers use them to place a number or a full stop, they never reach past the next letter, and the screens
 * isolate residents' words anyway (`isolate`, src/ui/i18n). Letters are never touched, so Arabic, Urdu and
 * every other script come through whole.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Typed text without bidi embeddings, overrides or isolates (see BIDI_CONTROLS). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Typed text as it is stored: without bidi controls (withoutBidiControls), trimmed, then checked against its
 * limit and whether it may be empty.
 */
export function requireText(value: unknown, field: string, max: number, isRequired = true): string {
  if (typeof value !== 'string') throw new ValidationError('required', field);
  const text = withoutBidiControls(value).trim();
  if (isRequired && text.length === 0) throw new ValidationError('required', field);
  if (text.length > max) throw new ValidationError('tooLong', field, { max });
  return text;
}

export function requirePence(value: unknown, field: string): Pence {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isInteger(value)) {
    throw new ValidationError('notWholePence', field);
  }
  if (value < 0) throw new ValidationError('negativeMoney', field);
  if (value > LIMITS.maxPence) throw new ValidationError('tooMuchMoney', field);
  return value;
}

export function requireWholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new ValidationError('notWholeNumber', field);
  if (value < min || value > max) throw new ValidationError('outOfRange', field, { min, max });
  return value;
}

export function requireDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new ValidationError('badDate', field);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new ValidationError('badDate', field);
  }
  return value;
}

export function poolableTotal(streams: readonly FundingStream[]): Pence {
  return streams.reduce((sum, s) => (s.isPoolable ? sum + s.annualPence : sum), 0);
}

export interface ProposalInput {
  title: string;
  description: string;
  themeId: string;
  costPence: Pence;
  where: string;
}

export function validateProposalInput(input: ProposalInput, themes: readonly Theme[]): ProposalInput {
  const title = requireText(input.title, 'title', LIMITS.titleLength);
  const description = requireText(input.description, 'description', LIMITS.descriptionLength, false);
  if (!themes.some((t) => t.id === input.themeId)) throw new ValidationError('unknownTheme', 'themeId');
  const costPence = requirePence(input.costPence, 'costPence');
  const where = requireText(input.where, 'where', LIMITS.whereLength, false);
  return { title, description, themeId: input.themeId, costPence, where };
}
