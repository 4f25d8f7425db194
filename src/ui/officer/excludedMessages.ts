/** Registers why ballots are left out of the count; imported by the screens that list excluded ballots. */
import { addMessages } from '../i18n';
import { excluded } from '../i18n/en/excluded';

addMessages('en', excluded);
