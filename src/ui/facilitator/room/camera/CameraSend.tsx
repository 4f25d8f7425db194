import type { TransferStepProps } from '../transfer';

/** Stub (issue 13): being built. */
export function CameraSend({ onCancel }: TransferStepProps) {
  return (
    <button type="button" class="btn" onClick={onCancel}>
      Cancel
    </button>
  );
}
