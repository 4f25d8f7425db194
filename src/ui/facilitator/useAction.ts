/**
 * One facilitator action (hide, merge, end…) at a time per part of the screen: runs the command through the
 * session's `run`, and keeps what its SaveStatus and error message need. A ValidationError is the facilitator's
 * to fix (shown next to the field); anything else is a storage failure, shown by SaveStatus.
 */
import { useCallback, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import { isValidationError } from '../../domain/errors';
import type { SaveState, SessionHandle } from '../useSession';

export interface Action {
  state: SaveState;
  /** The last ValidationError, for the field it names. */
  invalid: unknown;
  /** The last storage failure, for SaveStatus. */
  failure: unknown;
  isBusy: boolean;
  /** Resolves true once the change is committed; false if it was refused (the error is kept). */
  act: (command: (doc: Y.Doc, ctx: CommandContext) => unknown) => Promise<boolean>;
  reset: () => void;
  /**
   * The facilitator edited `field`: the last ValidationError stands down if it was about that field (it was about
   * what the box held then); one about another field stays until it is edited or the action is tried again.
   */
  standDown: (field: string) => void;
}

export function useAction(run: SessionHandle['run']): Action {
  const [state, setState] = useState<SaveState>('idle');
  const [invalid, setInvalid] = useState<unknown>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const act = useCallback(
    async (command: (doc: Y.Doc, ctx: CommandContext) => unknown): Promise<boolean> => {
      setInvalid(null);
      setFailure(null);
      setState('saving');
      try {
        await run(command);
        setState('saved');
        return true;
      } catch (e) {
        if (isValidationError(e)) {
          setState('idle');
          setInvalid(e);
        } else {
          setState('failed');
          setFailure(e);
        }
        return false;
      }
    },
    [run],
  );

  const reset = useCallback(() => {
    setState('idle');
    setInvalid(null);
    setFailure(null);
  }, []);

  const standDown = useCallback((field: string) => {
    setInvalid((was: unknown) => (isValidationError(was) && was.field === field ? null : was));
  }, []);

  return { state, invalid, failure, isBusy: state === 'saving', act, reset, standDown };
}
