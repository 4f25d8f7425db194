/** Registers the paper ballots messages; imported by the lazily loaded panel that shows them. */
import { addMessages } from '../i18n';
import { errorsOffice } from '../i18n/en/errorsOffice';
import { paper } from '../i18n/en/paper';
import { sessionChecks } from '../i18n/en/sessionChecks';

addMessages('en', { ...errorsOffice, ...paper, ...sessionChecks });
