/** Registers the session files' messages; imported by the lazily loaded screens that show them. */
import { addMessages } from '../../i18n';
import { files } from '../../i18n/en/files';

addMessages('en', files);
