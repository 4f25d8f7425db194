/**
 * "Name this tablet": the facilitator gives the tablet they hold a name people recognise ("Tablet 3 (blue case)").
 * It is written into the session (`nameDevice`), so the officer view, the report, status histories, traces and
 * exports all show this tablet by that name (src/domain/devices.ts). Until then it shows as "Tablet <code>".
 */
import { useState } from 'preact/hooks';
import { nameDevice } from '../../doc/deviceCommands';
import type { SessionView } from '../../doc/session';
import { DEVICE_NAME_LENGTH } from '../../domain/devices';
import { SaveStatus } from '../components/SaveStatus';
import { describeError } from '../errors';
import { deviceText } from '../format/devices';
import { useT } from '../i18n';
import { useServices } from '../services';
import type { SessionHandle } from '../useSession';
import { TextField } from './TextField';
import { useAction } from './useAction';

export function NameTablet({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const services = useServices();
  const deviceId = services.device.id;
  const current = view.deviceNames.get(deviceId);
  const action = useAction(session.run);
  const [typed, setTyped] = useState<string>(() => current ?? services.device.name);

  const save = async (): Promise<void> => {
    await action.act((doc, ctx) => nameDevice(doc, { namedDeviceId: deviceId, name: typed }, ctx));
  };

  return (
    <section aria-labelledby="fac-name-heading" class="card fac-section">
      <h2 id="fac-name-heading">{t('fac.name.heading')}</h2>
      <p>{t('fac.name.text', { name: deviceText(t, deviceId, view) })}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t('fac.name.label')}
          hint={t('fac.name.hint', { max: DEVICE_NAME_LENGTH })}
          field="name"
          value={typed}
          maxLength={DEVICE_NAME_LENGTH}
          autoComplete="off"
          onValue={(value) => {
            setTyped(value);
            action.reset();
          }}
          error={action.invalid ? describeError(t, action.invalid) : undefined}
        />
        <div class="btn-row">
          <button type="submit" class="btn btn--primary" disabled={action.isBusy || view.isReadOnly}>
            {t('fac.name.save')}
          </button>
          <SaveStatus state={action.state} error={action.failure} />
        </div>
      </form>
    </section>
  );
}
