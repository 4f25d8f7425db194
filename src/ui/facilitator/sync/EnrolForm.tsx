import { useRef, useState } from 'preact/hooks';
import { defaultServer, enrolDevice } from '../../../sync/councilApi';
import { Field } from '../../components/Field';
import { useInWords } from '../../errors';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import { ScanCode } from './scan/ScanCode';
import { ENROL_CODE_LENGTH, enrolCodeProblem } from './scan/enrolCodeText';
import { describeCouncilError } from './words';

/**
 * "Enrol this device": the code the council admin gave, exchanged once (POST /api/enrol with this device's name)
 * for a token kept in IndexedDB. Errors are said plainly and what was typed stays.
 *
 * The code can also be scanned (camera or photo of its QR code, ./scan/). A scanned code goes into the field and
 * is sent at once: the person pressed "Scan" to enrol, a read code has no typing mistakes to check, and a
 * facilitator holding a tablet up to a screen should not have to find another button. If the server refuses it,
 * the code stays in the field beside the reason, and "Enrol this device" tries again. Problems with the camera or
 * the photo are not the field's fault: they are said in the same alert but do not mark the field invalid.
 */
export function EnrolForm({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const t = useT();
  const services = useServices();
  const [code, setCode] = useState('');
  // Put into words as the form renders, so a problem on screen follows the staff language switch.
  const [error, setError] = useInWords();
  const [scanProblem, setScanProblem] = useInWords();
  const input = useRef<HTMLInputElement>(null);
  const [isBusy, setBusy] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const submit = async (value: string): Promise<void> => {
    if (isBusy) return;
    setScanProblem(null);
    if (value.trim() === '') {
      setError((t) => t('sync.enrol.empty'));
      return;
    }
    // A code plainly mistyped is said here, at once and offline too, instead of the server's "not known".
    const problem = enrolCodeProblem(value);
    if (problem) {
      setError((t) =>
        problem.kind === 'characters'
          ? t('sync.enrol.wrongCharacters', {
              characters: problem.characters.map((c) => `“${c}”`).join(', '),
            })
          : t('sync.enrol.wrongLength', { count: problem.count, length: ENROL_CODE_LENGTH }),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const enrolment = await enrolDevice(defaultServer(), value, services.device.name);
      await services.db.enrolment.put(enrolment);
    } catch (e) {
      setError((t) => describeCouncilError(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="sync-enrol"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(code);
      }}
    >
      <Heading>{t('sync.enrol.heading')}</Heading>
      <p>{t('sync.enrol.text')}</p>
      <Field label={t('sync.enrol.code')} hint={t('sync.enrol.codeHint')} error={error?.(t)}>
        {(props) => (
          <input
            {...props}
            ref={input}
            type="text"
            name="enrolCode"
            class="sync-enrol__code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        )}
      </Field>
      <ScanCode
        isBusy={isBusy}
        onProblem={(problem) => {
          if (problem) setError(null);
          setScanProblem(problem);
        }}
        onCode={(scanned) => {
          setCode(scanned);
          setError(null);
          input.current?.focus();
          void submit(scanned);
        }}
      />
      <button type="submit" class="btn btn--primary" aria-disabled={isBusy ? 'true' : undefined}>
        {isBusy ? t('sync.enrol.busy') : t('sync.enrol.button')}
      </button>
      {(error ?? scanProblem) ? (
        <p class="alert" role="alert">
          {(error ?? scanProblem)?.(t)}
        </p>
      ) : null}
    </form>
  );
}
