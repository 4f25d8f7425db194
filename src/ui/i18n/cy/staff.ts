/** Facilitator, officer and admin screens in Welsh: loaded when staff choose Cymraeg. */
import type { Translation, WelshForms } from '../types';
import type { facilitator as en_facilitator } from '../en/facilitator';
import type { files as en_files } from '../en/files';
import type { sync as en_sync } from '../en/sync';
import type { statuses as en_statuses } from '../en/statuses';
import type { officerReport as en_officerReport } from '../en/officer-report';
import type { officer as en_officer } from '../en/officer';
import type { paper as en_paper } from '../en/paper';
import type { sessionChecks as en_sessionChecks } from '../en/sessionChecks';
import type { errorsOffice as en_errorsOffice } from '../en/errorsOffice';
import type { excluded as en_excluded } from '../en/excluded';
import type { readAloudStaff as en_readAloudStaff } from '../en/readAloudStaff';
import type { languageStaff as en_languageStaff } from '../en/languageStaff';
import type { picturesStaff as en_picturesStaff } from '../en/picturesStaff';
import type { camera as en_camera } from '../en/camera';
import type { room as en_room } from '../en/room';
import facilitator from './facilitator.json';
import files from './files.json';
import sync from './sync.json';
import statuses from './statuses.json';
import officerReport from './officer-report.json';
import officer from './officer.json';
import paper from './paper.json';
import sessionChecks from './sessionChecks.json';
import errorsOffice from './errorsOffice.json';
import excluded from './excluded.json';
import readAloudStaff from './readAloudStaff.json';
import languageStaff from './languageStaff.json';
import picturesStaff from './picturesStaff.json';
import camera from './camera.json';
import room from './room.json';

export const messages = {
  ...(facilitator satisfies Translation<typeof en_facilitator, WelshForms>),
  ...(files satisfies Translation<typeof en_files, WelshForms>),
  ...(sync satisfies Translation<typeof en_sync, WelshForms>),
  ...(statuses satisfies Translation<typeof en_statuses, WelshForms>),
  ...(officerReport satisfies Translation<typeof en_officerReport, WelshForms>),
  ...(officer satisfies Translation<typeof en_officer, WelshForms>),
  ...(paper satisfies Translation<typeof en_paper, WelshForms>),
  ...(sessionChecks satisfies Translation<typeof en_sessionChecks, WelshForms>),
  ...(errorsOffice satisfies Translation<typeof en_errorsOffice, WelshForms>),
  ...(excluded satisfies Translation<typeof en_excluded, WelshForms>),
  ...(readAloudStaff satisfies Translation<typeof en_readAloudStaff, WelshForms>),
  ...(languageStaff satisfies Translation<typeof en_languageStaff, WelshForms>),
  ...(picturesStaff satisfies Translation<typeof en_picturesStaff, WelshForms>),
  ...(camera satisfies Translation<typeof en_camera, WelshForms>),
  ...(room satisfies Translation<typeof en_room, WelshForms>),
};
