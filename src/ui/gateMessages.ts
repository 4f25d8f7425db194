/** Registers the home and PIN screens' messages; imported by those lazily loaded screens (never on the kiosk's path). */
import { addMessages } from './i18n';
import { gate } from './i18n/en/gate';

addMessages('en', gate);
