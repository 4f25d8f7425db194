import { useEffect, useRef } from 'preact/hooks';
import type { Enrolment } from '../../../storage/appDb';
import { dayText } from '../../format/dates';
import { useT } from '../../i18n';

/**
 * "Enrolled with … as a … device since …", where the enrolment form was. When the form has just been used on this
 * screen, focus moves here: the form and its focused button are gone, and without this a keyboard or screen-reader
 * user would be left on the page itself, told nothing.
 */
export function EnrolledStatus({ enrolment, justEnrolled }: { enrolment: Enrolment; justEnrolled: boolean }) {
  const t = useT();
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (justEnrolled) line.current?.focus();
  }, [justEnrolled]);
  return (
    <p ref={line} class="sync-enrolled" tabIndex={justEnrolled ? -1 : undefined}>
      {t(`sync.enrol.status.${enrolment.role}`, {
        server: enrolment.serverName,
        when: dayText(t, enrolment.enrolledAt),
      })}
    </p>
  );
}

/** True once this screen has seen the device go from not enrolled to enrolled (its form was used here). */
export function useJustEnrolled(enrolment: Enrolment | null | undefined): boolean {
  const wasNotEnrolled = useRef(false);
  if (enrolment === null) wasNotEnrolled.current = true;
  return wasNotEnrolled.current && !!enrolment;
}
