/** Registers the status editor's messages; imported by the editor, so they load with the officer screens. */
import { addMessages } from '../../i18n';
import { errorsOffice } from '../../i18n/en/errorsOffice';
import { statuses } from '../../i18n/en/statuses';

addMessages('en', { ...errorsOffice, ...statuses });
