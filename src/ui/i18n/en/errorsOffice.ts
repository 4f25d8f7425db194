/**
 * Validation errors only the office screens can raise (paper ballots, proposal statuses): loaded with those
 * screens (registered by the facilitator, paper and officer messages modules), not with the kiosk. The status
 * errors come only from the officer's status editor (setProposalStatus), so they say "proposal", officers' word
 * (PRODUCT.md, "Words we use"); the paper errors are facilitators' too, and a funding stream of £0 comes only from
 * the facilitator's session form (requireStreamAmount).
 */
import type { ErrorCode } from '../../../domain/errors';
import type { Catalogue } from '../types';

export type OfficeErrorCode = Extract<
  ErrorCode,
  | 'sheetTaken'
  | 'unknownStatus'
  | 'amountNotPositive'
  | 'fundedOverLimit'
  | 'amountOnlyWhenFunded'
  | 'reasonNeeded'
  | 'reasonOnlyWhenNotTaken'
  | 'proposalMerged'
  | 'methodChanged'
  | 'notACouncilKey'
  | 'streamNotPositive'
>;

export const errorsOffice = {
  'error.sheetTaken': 'Sheet {sheet} is already entered.',
  'error.unknownStatus': 'Please choose one of the statuses.',
  'error.amountNotPositive': 'The amount funded must be more than zero.',
  'error.fundedOverLimit':
    'That is more than {limit}, far more than any one proposal in a neighbourhood gets. Please check the amount: it may have a few zeros too many.',
  'error.amountOnlyWhenFunded': 'An amount is only given when the proposal is funded.',
  'error.reasonNeeded': 'Please say why this proposal is not being taken forward: residents will read it.',
  'error.reasonOnlyWhenNotTaken': 'A reason is only given when the proposal is not taken forward.',
  'error.proposalMerged':
    'This proposal was merged into another one. Set the status of the proposal it was merged into instead.',
  'error.methodChanged':
    'This ballot was cast for another way of voting. Change the way of voting back to count it.',
  'error.streamNotPositive':
    'A funding stream must be more than zero: type what this public body spends here each year, or remove the stream.',
  'error.notACouncilKey':
    'This is not the council key: paste the whole line that starts with ncdck1, as npm run admin -- council-key printed it.',
} satisfies Catalogue & Record<`error.${OfficeErrorCode}`, string>;
