/** Registers the "Read aloud on this tablet" section's messages; imported by that lazily loaded section only. */
import { addMessages } from '../i18n';
import { readAloudStaff } from '../i18n/en/readAloudStaff';

addMessages('en', readAloudStaff);
