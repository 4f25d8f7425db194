import type { SessionView } from '../../doc/session';
import { isolate, useT } from '../i18n';
import type { MessageKey } from '../i18n';

const POINTS_HINT: Record<string, MessageKey> = {
  dots: 'fac.board.pointsDots',
  budget: 'fac.board.pointsBudget',
  ranking: 'fac.board.pointsRanking',
};

/** The live board: every idea residents can see, most points first. Re-renders whenever the session changes. */
export function LiveBoard({ view }: { view: SessionView }) {
  const t = useT();
  const themes = new Map(view.settings.themes.map((th) => [th.id, th.name]));
  const titles = new Map(view.proposals.map((p) => [p.id, p.shownTitle]));
  const method = view.settings.method;
  return (
    <section aria-labelledby="fac-board-heading">
      <h2 id="fac-board-heading">{t('fac.board.heading')}</h2>
      <p class="field__hint" id="fac-board-hint">
        {t(POINTS_HINT[method.kind]!, method.kind === 'ranking' ? { count: method.maxRanked } : {})}
      </p>
      {view.board.length === 0 ? (
        <p>{t('fac.board.empty')}</p>
      ) : (
        <div class="fac-table-wrap" role="region" aria-labelledby="fac-board-heading" tabIndex={0}>
          <table class="fac-board" aria-describedby="fac-board-hint">
            <caption class="visually-hidden">{t('fac.board.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fac.board.idea')}</th>
                <th scope="col">{t('fac.board.theme')}</th>
                <th scope="col" class="num">
                  {t('fac.board.cost')}
                </th>
                <th scope="col" class="num">
                  {t('fac.board.supporters')}
                </th>
                <th scope="col" class="num">
                  {t('fac.board.points')}
                </th>
                <th scope="col" class="num">
                  {t('fac.board.comments')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.board.map((row) => (
                <tr key={row.proposal.id}>
                  <th scope="row" class="fac-board__idea">
                    <bdi>{row.proposal.shownTitle}</bdi>
                    {row.proposal.mergedIds.length > 0 ? (
                      <span class="fac-board__note">
                        {t('fac.idea.includes', {
                          titles: row.proposal.mergedIds
                            .map((id) => isolate(titles.get(id) ?? ''))
                            .join('; '),
                        })}
                      </span>
                    ) : null}
                  </th>
                  <td>{themes.get(row.proposal.themeId) ?? ''}</td>
                  <td class="num">{t.money(row.proposal.costPence)}</td>
                  <td class="num">{t.number(row.supporters)}</td>
                  <td class="num">{t.number(row.points)}</td>
                  <td class="num">{t.number(row.comments)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
