/**
 * Results for the officer view without freezing it: every rule but MES is counted in place (a few ms for 10,000
 * ballots); MES (Add1 reruns MES once per endowment: ~90 ms on a laptop for 10,000 ballots over 300 ideas, about
 * four times that on a slow machine) is counted in a Web Worker (./fundingWorker.ts) while the view shows the
 * ideas with "Counting…" in place of the funded column. Each decision is kept per session view (a WeakMap: a new
 * document state is a new view and is counted again), so switching rules back, the exports and a second look
 * cost nothing. Where no worker can be had (no Worker, or it failed to start) MES is counted in place, after the
 * first paint; the answer is the same either way (`decideFunding` and the worker share answerMesQuestion).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionView } from '../../../doc/session';
import { mesQuestion, questionBuffers } from '../../../domain/results/mesQuestion';
import {
  decideFunding,
  sessionResults,
  type Funding,
  type RuleName,
  type SessionResult,
} from '../../../domain/results/results';
import type { CountReply, CountRequest } from './fundingWorker';

const decided = new WeakMap<SessionView, Map<RuleName, Funding>>();
const inFlight = new WeakMap<SessionView, Promise<Funding>>();

function remember(view: SessionView, rule: RuleName, funding: Funding): Funding {
  let byRule = decided.get(view);
  if (!byRule) decided.set(view, (byRule = new Map<RuleName, Funding>()));
  byRule.set(rule, funding);
  return funding;
}

function known(view: SessionView, rule: RuleName): Funding | undefined {
  return decided.get(view)?.get(rule);
}

/** The results now, counted in place unless already decided (exports, the report). */
export function resultsNow(view: SessionView, rule: RuleName): SessionResult {
  return sessionResults(view, rule, known(view, rule) ?? remember(view, rule, decideFunding(view, rule)));
}

type Waiter = { resolve: (f: Funding) => void; reject: (e: Error) => void };
let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, Waiter>();

/** The one counting worker, started on first use; null where workers are not to be had. */
function countingWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    const w = new Worker(new URL('./fundingWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<CountReply>) => {
      const waiter = waiting.get(e.data.id);
      if (!waiter) return;
      waiting.delete(e.data.id);
      if ('error' in e.data) waiter.reject(new Error(e.data.error));
      else waiter.resolve(e.data.funding);
    };
    w.onerror = (e) => {
      // The worker could not start or crashed: count in place from now on.
      e.preventDefault();
      w.terminate();
      worker = null;
      for (const waiter of waiting.values()) waiter.reject(new Error('The counting worker stopped.'));
      waiting.clear();
    };
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

/** MES for a view, from the worker (or in place, after a pause to paint, if there is none or it fails). */
function mesAway(view: SessionView): Promise<Funding> {
  const pending = inFlight.get(view);
  if (pending) return pending;
  const inPlace = (): Promise<Funding> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(decideFunding(view, 'mes'));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }, 0),
    );
  const w = countingWorker();
  const asked: Promise<Funding> = w
    ? new Promise<Funding>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const question = mesQuestion(view);
        const request: CountRequest = { id, question };
        w.postMessage(request, questionBuffers(question));
      }).catch(inPlace)
    : inPlace();
  const done = asked.then((f) => remember(view, 'mes', f));
  inFlight.set(view, done);
  return done;
}

/**
 * The view's results under a rule. Under MES, until the worker answers, the result has `counting` set (rows
 * in their order, nothing funded yet); the component renders again when the answer arrives. `problem` says why
 * the funded ideas could not be worked out, if they could not (the rows stay as while counting).
 */
export function useSessionResults(
  view: SessionView,
  rule: RuleName,
): { result: SessionResult; problem: string | null } {
  const [, setAnswered] = useState(0);
  const [problem, setProblem] = useState<{ view: SessionView; message: string } | null>(null);
  const funding = known(view, rule);
  const isAway = rule === 'mes' && funding === undefined;
  useEffect(() => {
    if (!isAway) return;
    let isLive = true;
    mesAway(view).then(
      () => {
        if (isLive) setAnswered((n) => n + 1);
      },
      (e: unknown) => {
        inFlight.delete(view);
        if (isLive) setProblem({ view, message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      isLive = false;
    };
  }, [view, isAway]);
  const result = useMemo(
    () =>
      isAway
        ? sessionResults(view, rule, 'counting')
        : sessionResults(view, rule, funding ?? remember(view, rule, decideFunding(view, rule))),
    [view, rule, funding, isAway],
  );
  return { result, problem: isAway && problem?.view === view ? problem.message : null };
}
