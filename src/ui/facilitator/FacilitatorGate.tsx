import type { ComponentChildren } from 'preact';
import { useFacilitatorLock } from '../facilitatorLock';
import { PinScreen } from './PinScreen';

/** Facilitator screens behind the session's PIN. Loaded with the app shell, so it stays small. */
export function FacilitatorGate({ sessionId, children }: { sessionId: string; children: ComponentChildren }) {
  const { unlockedSessionId } = useFacilitatorLock();
  if (unlockedSessionId === sessionId) return <>{children}</>;
  return <PinScreen sessionId={sessionId} />;
}
