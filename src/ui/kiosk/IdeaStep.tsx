import { useId } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { useT } from '../i18n';
import { CommentForm } from './CommentForm';
import { KioskPage } from './KioskPage';
import { commentsOn } from './ideas';
import type { TurnDrafts } from './turnDrafts';
import { useTypedLang } from './typedWords';
import type { SessionHandle } from '../useSession';

interface IdeaStepProps {
  view: SessionView;
  ideaId: string;
  participantId: string;
  drafts: TurnDrafts;
  run: SessionHandle['run'];
  /** A word of thanks after the resident added this idea. */
  justAdded: boolean;
  onBack: () => void;
}

/** One idea: what it is, what it would cost, where, what people said, and a form to say something. */
export function IdeaStep({ view, ideaId, participantId, drafts, run, justAdded, onBack }: IdeaStepProps) {
  const t = useT();
  const typedLang = useTypedLang();
  const thanksId = useId();
  const idea = view.visible.find((v) => v.id === ideaId);
  const back = { label: t('kiosk.back.ideas'), onClick: onBack };
  if (!idea) {
    return (
      <KioskPage title={t('kiosk.idea.goneTitle')} back={back}>
        <p>{t('kiosk.idea.gone')}</p>
      </KioskPage>
    );
  }
  const theme = view.settings.themes.find((th) => th.id === idea.themeId);
  const comments = commentsOn(view, idea.id);
  return (
    // The thanks is said with the idea's heading, where focus goes when this screen appears.
    <KioskPage title={idea.shownTitle} isUserTitle back={back} describedBy={justAdded ? thanksId : undefined}>
      {justAdded ? (
        <p class="notice kiosk-notice" id={thanksId}>
          {t('kiosk.addIdea.added')}
        </p>
      ) : null}
      <dl class="idea-facts">
        <div>
          <dt>{t('kiosk.idea.themeLabel')}</dt>
          <dd dir="auto" lang={theme ? typedLang : undefined}>
            {theme ? theme.name : t('kiosk.ideas.otherTheme')}
          </dd>
        </div>
        <div>
          <dt>{t('kiosk.idea.costLabel')}</dt>
          <dd>{t.money(idea.costPence)}</dd>
        </div>
        {idea.where ? (
          <div>
            <dt>{t('kiosk.idea.whereLabel')}</dt>
            <dd dir="auto">{idea.where}</dd>
          </div>
        ) : null}
      </dl>
      {idea.shownDescription ? (
        <p class="idea-description" dir="auto" data-read-aloud>
          {idea.shownDescription}
        </p>
      ) : null}
      <section aria-labelledby="idea-comments-heading">
        <h2 id="idea-comments-heading">{t('kiosk.idea.commentsHeading', { count: comments.length })}</h2>
        {comments.length === 0 ? (
          <p class="kiosk-muted">{t('kiosk.idea.noComments')}</p>
        ) : (
          <ul class="idea-comments">
            {comments.map((c) => (
              <li key={c.id} dir="auto">
                {c.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="idea-add-comment-heading">
        <h2 id="idea-add-comment-heading">{t('kiosk.comment.heading')}</h2>
        <CommentForm key={idea.id} ideaId={idea.id} participantId={participantId} drafts={drafts} run={run} />
      </section>
    </KioskPage>
  );
}
