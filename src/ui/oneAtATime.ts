/**
 * Runs jobs one at a time, in the order they were given: each starts once the one before has settled, whether
 * it succeeded or failed. useSession.ts runs a session's commands through one, so a command's save (and the
 * reload after a refused one) is over before the next command touches the document.
 */
export function oneAtATime(): <T>(job: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = last.then(job);
    last = next.catch(() => undefined);
    return next;
  };
}
