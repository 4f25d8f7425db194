import { LOCALES } from './i18n';

const STORAGE_KEY = 'ncd.staffLanguage';

/** The language staff chose for facilitator, officer and admin screens on this device (English until chosen). */
export function readStaffLanguage(): string {
  try {
    const code = localStorage.getItem(STORAGE_KEY);
    return code && LOCALES[code]?.isStaff ? code : 'en';
  } catch {
    return 'en'; // Storage blocked: English, and the switch still works for this visit.
  }
}

export function writeStaffLanguage(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not kept across visits where storage is blocked; nothing else depends on it.
  }
}
