/** Registers the facilitator screens' messages; imported by the lazily loaded facilitator screens. */
import { addMessages } from '../i18n';
import { errorsOffice } from '../i18n/en/errorsOffice';
import { facilitator } from '../i18n/en/facilitator';
import { languageStaff } from '../i18n/en/languageStaff';

addMessages('en', { ...errorsOffice, ...facilitator, ...languageStaff });
