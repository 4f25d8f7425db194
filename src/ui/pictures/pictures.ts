/**
 * The kiosk's pictures, loaded after the first screen (see ./lazy.tsx): the money map drawn, theme pictures and
 * the cost-as-share-of-the-pot bar. One chunk, so a tablet fetches them in one go and keeps them for offline.
 */
import { addMessages } from '../i18n';
import { pictures } from '../i18n/en/pictures';
import './pictures.css';

addMessages('en', pictures);

export { MoneyMapPicture } from './MoneyMapPicture';
export { PotShare } from './PotShare';
export { ThemeIconSvg } from './ThemeIconSvg';
