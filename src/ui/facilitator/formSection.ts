import type { FieldErrors, FormValues } from './formModel';

/** What each part of the session form gets: the values, the problems, and a way to change them. */
export interface SectionProps {
  values: FormValues;
  errors: FieldErrors;
  update: (patch: Partial<FormValues>) => void;
  /** Moves the keyboard to a control (by its field name) once the next render is done. */
  focusField: (field: string) => void;
}
