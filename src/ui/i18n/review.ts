/**
 * Whether each language's translation has been checked by a native speaker. Facilitators see a draft marked
 * when they choose the session's languages; residents never see it. Kept out of the kiosk's first download.
 */
import cyStatus from './cy/status.json';
import plStatus from './pl/status.json';
import urStatus from './ur/status.json';
import arStatus from './ar/status.json';

export const REVIEW = { source: 'source', draft: 'draft', reviewed: 'reviewed' } as const;
export type ReviewStatus = (typeof REVIEW)[keyof typeof REVIEW];

export interface TranslationStatus {
  status: ReviewStatus;
  /** Who translated or reviewed it, and when. */
  note: string;
}

const STATUSES: Record<string, TranslationStatus> = {
  en: { status: REVIEW.source, note: '' },
  cy: cyStatus as TranslationStatus,
  pl: plStatus as TranslationStatus,
  ur: urStatus as TranslationStatus,
  ar: arStatus as TranslationStatus,
};

export function reviewStatus(code: string): TranslationStatus {
  return STATUSES[code] ?? { status: REVIEW.draft, note: '' };
}
