/** Registers the council sync messages; imported by the lazily loaded screens that show them. */
import { addMessages } from '../../i18n';
import { sync } from '../../i18n/en/sync';

addMessages('en', sync);
