import { useRef } from 'preact/hooks';
import { unhideProposal } from '../../doc/moderationCommands';
import type { SessionView } from '../../doc/session';
import { SaveStatus } from '../components/SaveStatus';
import { describeError, useInWords } from '../errors';
import { useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import { useAction } from './useAction';

/** Ideas the facilitator hid, each with its reason and a way to show it again. */
export function HiddenIdeas({ session, view }: { session: SessionHandle; view: SessionView }) {
  const t = useT();
  const action = useAction(session.run);
  const heading = useRef<HTMLHeadingElement>(null);
  // Put into words as the section renders, so it follows the staff language switch.
  const [announcement, setAnnouncement] = useInWords();
  const hidden = view.proposals.filter((p) => p.isHidden);

  const unhide = async (id: string, title: string): Promise<void> => {
    setAnnouncement(null);
    if (await action.act((doc, ctx) => unhideProposal(doc, id, ctx))) {
      setAnnouncement((t) => t('fac.hidden.done', { title }));
      heading.current?.focus();
    }
  };

  return (
    <section aria-labelledby="fac-hidden-heading" class="fac-section">
      <h2 id="fac-hidden-heading" ref={heading} tabIndex={-1}>
        {t('fac.hidden.heading')}
      </h2>
      {hidden.length === 0 ? (
        <p>{t('fac.hidden.none')}</p>
      ) : (
        <ul class="fac-ideas">
          {hidden.map((idea) => (
            <li key={idea.id} class="fac-idea fac-idea--hidden">
              <h3 class="fac-idea__title">{idea.shownTitle}</h3>
              <p>
                <span class="fac-idea__label">{t('fac.hidden.reason')}</span> <bdi>{idea.hiddenReason}</bdi>
              </p>
              <button
                type="button"
                class="btn"
                aria-label={t('fac.hidden.showFor', { title: idea.shownTitle })}
                onClick={() => void unhide(idea.id, idea.shownTitle)}
                disabled={action.isBusy}
              >
                {t('fac.hidden.show')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {action.invalid ? <p class="alert">{describeError(t, action.invalid)}</p> : null}
      <p role="status" class="fac-announce">
        {announcement?.(t)}
      </p>
      <SaveStatus state={action.state} error={action.failure} />
    </section>
  );
}
