import { useState } from 'preact/hooks';
import { defaultServer, enrolDevice } from '../../../sync/councilApi';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { useServices } from '../../services';
import { describeCouncilError } from './words';

/**
 * "Enrol this device": the code the council admin gave, exchanged once (POST /api/enrol with this device's name)
 * for a token kept in IndexedDB. Errors are said plainly and what was typed stays.
 */
export function EnrolForm({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const t = useT();
  const services = useServices();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const submit = async (): Promise<void> => {
    if (isBusy) return;
    if (code.trim() === '') {
      setError(t('sync.enrol.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const enrolment = await enrolDevice(defaultServer(), code, services.device.name);
      await services.db.enrolment.put(enrolment);
    } catch (e) {
      setError(describeCouncilError(t, e));
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
        void submit();
      }}
    >
      <Heading>{t('sync.enrol.heading')}</Heading>
      <p>{t('sync.enrol.text')}</p>
      <Field label={t('sync.enrol.code')} hint={t('sync.enrol.codeHint')} error={error ?? undefined}>
        {(props) => (
          <input
            {...props}
            type="text"
            name="enrolCode"
            class="sync-enrol__code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={64}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="btn btn--primary" aria-disabled={isBusy ? 'true' : undefined}>
        {isBusy ? t('sync.enrol.busy') : t('sync.enrol.button')}
      </button>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
