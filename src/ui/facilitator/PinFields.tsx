import { useId } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { useT } from '../i18n';
import type { FieldErrors, PinValues } from './formModel';
import { TextField } from './TextField';

interface Props {
  pin: PinValues;
  setPin: (pin: PinValues) => void;
  errors: FieldErrors;
  /** Creating: the PIN is required. Editing: changing it is optional. */
  isRequired: boolean;
}

/** The facilitator PIN and its confirmation. Never stored in a draft; only its hash is saved. */
export function PinFields({ pin, setPin, errors, isRequired }: Props) {
  const t = useT();
  const id = useId();
  const rule = t('fac.form.pinHint', { min: LIMITS.minPinLength, max: LIMITS.maxPinLength });
  const fields = (
    <div class="fac-grid">
      <TextField
        label={isRequired ? t('fac.form.pin') : t('fac.form.newPin')}
        hint={rule}
        field="pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={pin.pin}
        onValue={(value) => setPin({ ...pin, pin: value })}
        error={errors.pin}
        maxLength={LIMITS.maxPinLength}
      />
      <TextField
        label={isRequired ? t('fac.form.pinConfirm') : t('fac.form.newPinConfirm')}
        field="pinConfirm"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={pin.confirm}
        onValue={(value) => setPin({ ...pin, confirm: value })}
        error={errors.pinConfirm}
        maxLength={LIMITS.maxPinLength}
      />
    </div>
  );
  return (
    <fieldset class="fac-fieldset">
      <legend>{t('fac.form.pinLegend')}</legend>
      {isRequired ? (
        fields
      ) : (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={pin.isChanging}
              onChange={(e) => setPin({ isChanging: e.currentTarget.checked, pin: '', confirm: '' })}
            />
            {t('fac.form.changePin')}
          </label>
          <div id={`${id}-fields`}>{pin.isChanging ? fields : null}</div>
        </>
      )}
    </fieldset>
  );
}
