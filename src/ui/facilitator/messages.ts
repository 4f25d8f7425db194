/** Registers the facilitator screens' messages; imported by the lazily loaded facilitator screens. */
import { addMessages } from '../i18n';
import { facilitator } from '../i18n/en/facilitator';

addMessages('en', facilitator);
