/**
 * Validation errors carry a code, not a sentence: the UI turns the code into words from the message catalogue
 * (`error.<code>`), so the domain stays free of any language.
 */
export const ERROR_CODES = [
  'required',
  'tooLong',
  'notWholePence',
  'negativeMoney',
  'tooMuchMoney',
  'potOverPoolable',
  'potNotPositive',
  /** A funding stream of £0 typed or added (src/domain/validateSettings.ts `requireStreamAmount`). */
  'streamNotPositive',
  'unknownTheme',
  'unknownProposal',
  'unknownParticipant',
  'noConsent',
  'participantFinished',
  'sessionEnded',
  'badDate',
  'duplicateName',
  'tooMany',
  'tooFew',
  'outOfRange',
  'notWholeNumber',
  'methodMismatch',
  'dotsOverTotal',
  'dotsOverPerProposal',
  'budgetOverPot',
  'budgetUnderMinimum',
  'duplicateChoice',
  'rankingTooLong',
  'emptyBallot',
  'proposalHidden',
  'mergeIntoSelf',
  'mergeCycle',
  'unknownLanguage',
  'badPin',
  /** An answer that is not one of the options offered (or a question the session does not ask). */
  'unknownOption',
  'readOnly',
  'unknownStatus',
  'amountNotPositive',
  /** A funded amount above LIMITS.maxFundedPence (src/domain/statusRules.ts). */
  'fundedOverLimit',
  'amountOnlyWhenFunded',
  'reasonNeeded',
  'reasonOnlyWhenNotTaken',
  'proposalMerged',
  /** A paper sheet number already entered (src/domain/paper.ts). */
  'sheetTaken',
  /** A ballot cast for one way of voting, counted after the session changed to another (src/domain/count.ts). */
  'methodChanged',
  /** A council public key pasted into the session form that is not one (src/domain/answersCrypto.ts). */
  'notACouncilKey',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly code: ErrorCode,
    /** Which form field is wrong, so the UI can put the message beside it. */
    readonly field: string = '',
    readonly params: ErrorParams = {},
  ) {
    super(
      `${field ? field + ': ' : ''}${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`,
    );
  }
}

export function isValidationError(e: unknown): e is ValidationError {
  return e instanceof ValidationError;
}
