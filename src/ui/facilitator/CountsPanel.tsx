import type { SessionView } from '../../doc/session';
import { useT } from '../i18n';

/** How many residents took part and what they added, as big numbers. */
export function CountsPanel({ view }: { view: SessionView }) {
  const t = useT();
  const hidden = view.proposals.filter((p) => p.isHidden).length;
  const items: [string, number][] = [
    [t('fac.counts.residents'), view.records.participants.length],
    [t('fac.counts.ideas'), view.visible.length],
    [t('fac.counts.hidden'), hidden],
    [t('fac.counts.comments'), view.records.comments.length],
    [t('fac.counts.counted'), view.count.counted.length],
    [t('fac.counts.excluded'), view.count.excluded.length],
  ];
  return (
    <section aria-labelledby="fac-counts-heading">
      <h2 id="fac-counts-heading">{t('fac.counts.heading')}</h2>
      <dl class="fac-counts">
        {items.map(([label, n]) => (
          <div class="fac-counts__item" key={label}>
            <dt>{label}</dt>
            <dd>{t.number(n)}</dd>
          </div>
        ))}
      </dl>
      {view.count.excluded.length > 0 ? <p class="field__hint">{t('fac.counts.excludedHint')}</p> : null}
    </section>
  );
}
