/**
 * The officer view's counting worker: answers Method of Equal Shares questions (src/domain/results/mesQuestion.ts)
 * away from the page, so the results view shows at once and fills in the funded ideas when they are known.
 * One request in, one reply out, matched by id; a question that cannot be answered gets its error in words.
 */
import { answerMesQuestion, type MesQuestion } from '../../../domain/results/mesQuestion';
import type { Funding } from '../../../domain/results/results';

export interface CountRequest {
  id: number;
  question: MesQuestion;
}

export type CountReply = { id: number; funding: Funding } | { id: number; error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<CountRequest>) => void) | null;
  postMessage(reply: CountReply): void;
};

scope.onmessage = (e) => {
  const { id, question } = e.data;
  try {
    scope.postMessage({ id, funding: answerMesQuestion(question) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
