/** Registers the camera steps' messages (and the session files' words they reuse); imported by those steps. */
import { addMessages } from '../../../i18n';
import { camera } from '../../../i18n/en/camera';
import '../../files/messages';

addMessages('en', camera);
