import { withoutBidiControls } from '../../domain/validate';
import { useT } from '../i18n';
import { includesText } from './notOnBallot';

/**
 * A proposal's title in a results table, with the duplicates merged into it under it ("includes: “Friday youth
 * club”"), so the officer screen's table, the chart's table and the report say where its figure came from.
 */
export function ProposalTitle({ title, includes }: { title: string; includes?: readonly string[] }) {
  const t = useT();
  const merged = includesText(t, includes);
  return (
    <>
      <bdi>{withoutBidiControls(title)}</bdi>
      {merged ? ' ' : null}
      {merged ? (
        <span class="proposal-includes" data-includes>
          {merged}
        </span>
      ) : null}
    </>
  );
}
