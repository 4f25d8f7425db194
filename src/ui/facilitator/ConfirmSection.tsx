import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useT } from '../i18n';

interface ConfirmSectionProps {
  heading: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  isBusy?: boolean;
  isDanger?: boolean;
}

/** An inline "are you sure?" step. Focus moves to it when it opens; Escape or Cancel closes it. */
export function ConfirmSection({
  heading,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  isBusy = false,
  isDanger = false,
}: ConfirmSectionProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      class="fac-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      <div id={`${id}-text`}>{children}</div>
      <div class="btn-row">
        <button
          type="button"
          class={`btn ${isDanger ? 'btn--danger-solid' : 'btn--primary'}`}
          onClick={onConfirm}
          disabled={isBusy}
        >
          {isBusy ? t('common.saving') : confirmLabel}
        </button>
        <button type="button" class="btn" onClick={onCancel} disabled={isBusy}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
