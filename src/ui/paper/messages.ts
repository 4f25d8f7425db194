/** Registers the paper ballots messages; imported by the lazily loaded panel that shows them. */
import { addMessages } from '../i18n';
import { errorsOffice } from '../i18n/en/errorsOffice';
import { excluded } from '../i18n/en/excluded';
import { paper } from '../i18n/en/paper';
import { sessionChecks } from '../i18n/en/sessionChecks';

// excluded: why a sheet in the list is left out, where it has no sheet's words of its own (excludedInWords).
addMessages('en', { ...errorsOffice, ...excluded, ...paper, ...sessionChecks });
