/** What a resident can meet, in this language: loaded when a session offers it (see ../index.ts). */
import type { Translation, ArabicForms } from '../types';
import type { common as en_common } from '../en/common';
import type { errors as en_errors } from '../en/errors';
import type { kiosk as en_kiosk } from '../en/kiosk';
import type { kioskLater as en_kioskLater } from '../en/kioskLater';
import type { gate as en_gate } from '../en/gate';
import type { kioskEarlier as en_kioskEarlier } from '../en/kioskEarlier';
import type { language as en_language } from '../en/language';
import type { readAloud as en_readAloud } from '../en/readAloud';
import type { pictures as en_pictures } from '../en/pictures';
import common from './common.json';
import errors from './errors.json';
import kiosk from './kiosk.json';
import kioskLater from './kioskLater.json';
import gate from './gate.json';
import kioskEarlier from './kioskEarlier.json';
import language from './language.json';
import readAloud from './readAloud.json';
import pictures from './pictures.json';

export const messages = {
  ...(common satisfies Translation<typeof en_common, ArabicForms>),
  ...(errors satisfies Translation<typeof en_errors, ArabicForms>),
  ...(kiosk satisfies Translation<typeof en_kiosk, ArabicForms>),
  ...(kioskLater satisfies Translation<typeof en_kioskLater, ArabicForms>),
  ...(gate satisfies Translation<typeof en_gate, ArabicForms>),
  ...(kioskEarlier satisfies Translation<typeof en_kioskEarlier, ArabicForms>),
  ...(language satisfies Translation<typeof en_language, ArabicForms>),
  ...(readAloud satisfies Translation<typeof en_readAloud, ArabicForms>),
  ...(pictures satisfies Translation<typeof en_pictures, ArabicForms>),
};
