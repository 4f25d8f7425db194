import { useT } from '../i18n';
import { notOnBallotText, type NotOnBallot } from './notOnBallot';

/** The proposals not on the ballot, one line each (./notOnBallot.ts), on the officer screen and in the report. */
export function NotOnBallotList({ entries }: { entries: readonly NotOnBallot[] }) {
  const t = useT();
  return (
    <ul class="not-on-ballot" data-list="not-on-ballot">
      {entries.map((e) => (
        <li key={e.proposalId} data-not-on-ballot={e.kind}>
          {notOnBallotText(t, e)}
        </li>
      ))}
    </ul>
  );
}
