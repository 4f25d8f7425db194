/** Size limits on everything a person types or a file brings. One place, so the UI and the checks agree. */
export const LIMITS = {
  titleLength: 120,
  sessionTitleLength: 120,
  descriptionLength: 2000,
  whereLength: 200,
  commentLength: 1000,
  reasonLength: 300,
  nameLength: 100,
  consentLength: 3000,
  questionLength: 200,
  optionLength: 80,
  maxOptions: 12,
  maxQuestions: 10,
  maxThemes: 20,
  maxFundingStreams: 40,
  maxLanguages: 10,
  /** £10 billion in pence: far above any neighbourhood, well inside safe integers. */
  maxPence: 1_000_000_000_000,
  /**
   * The most an officer may record as funded for one idea: £100 million in pence. An idea may be funded above
   * its rough cost (other money joins in), but a neighbourhood of about 10,000 residents has nowhere near this
   * much public money in a year, so an amount above it is a slip of the keyboard (a few zeros too many).
   */
  maxFundedPence: 10_000_000_000,
  maxDots: 50,
  maxRanked: 20,
  minPinLength: 4,
  maxPinLength: 12,
} as const;

/** Languages the app knows how to offer. Adding one means adding its catalogue in src/ui/i18n. */
export const KNOWN_LANGUAGES = ['en', 'cy', 'ar', 'ur', 'pl', 'so', 'bn'] as const;

/** Whether `code` is one of the languages this app knows. */
export function isKnownLanguage(code: unknown): code is (typeof KNOWN_LANGUAGES)[number] {
  return typeof code === 'string' && (KNOWN_LANGUAGES as readonly string[]).includes(code);
}
