/** Registers the room's messages; imported by the room view and the dashboard's way in to it. */
import { addMessages } from '../../i18n';
import { room } from '../../i18n/en/room';

addMessages('en', room);
