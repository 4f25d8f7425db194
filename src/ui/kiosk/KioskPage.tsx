import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ReadAloud } from '../speech/ReadAloud';
import { usePageTitle } from '../usePageTitle';

interface KioskPageProps {
  title: string;
  /** A "back" button above the heading. */
  back?: { label: string; onClick: () => void } | undefined;
  /** A long screen: the "back" button again after its content, so no one has to scroll back up to leave. */
  isBackAtEnd?: boolean;
  /** The heading is a resident's words (an idea's title): its direction comes from its own script. */
  isUserTitle?: boolean;
  /**
   * The id of words said with the heading when it takes focus (a word of thanks for what was just done: focus
   * moving to the heading would talk over a status message, and a status drawn with the screen is not announced).
   */
  describedBy?: string | undefined;
  /**
   * The data-focus-key of the control to take focus instead of the heading, if it is on the screen: the idea just
   * read, on the way back to the list, so a keyboard user does not tab through every idea again (WCAG 2.4.3).
   */
  focusKey?: string | null | undefined;
  children?: ComponentChildren;
}

/** One kiosk screen: the page's only <main> and <h1>; focus moves to the heading when the screen appears. */
export function KioskPage({
  title,
  back,
  isBackAtEnd = false,
  isUserTitle = false,
  describedBy,
  focusKey,
  children,
}: KioskPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  // In the turn's language: KioskPage is under the kiosk's translator.
  usePageTitle(title);
  useEffect(() => {
    window.scrollTo(0, 0);
    const control = focusKey
      ? main.current?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)
      : null;
    if (control) control.focus();
    else heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <main ref={main} id="main" tabIndex={-1} class="page kiosk-page">
      {back ? <BackButton {...back} /> : null}
      <h1 ref={heading} tabIndex={-1} dir={isUserTitle ? 'auto' : undefined} aria-describedby={describedBy}>
        {title}
      </h1>
      {/* Reads the heading and instructions (a new screen is a new button: leaving one stops its reading). */}
      <ReadAloud key={title} root={main} screenTitle={isUserTitle ? undefined : title} />
      {children}
      {back && isBackAtEnd ? <BackButton {...back} isAtEnd /> : null}
    </main>
  );
}

function BackButton({
  label,
  onClick,
  isAtEnd = false,
}: {
  label: string;
  onClick: () => void;
  isAtEnd?: boolean;
}) {
  return (
    <p class={isAtEnd ? 'kiosk-back kiosk-back--end' : 'kiosk-back'}>
      <button type="button" class="btn" onClick={onClick}>
        <svg class="icon icon--directional kiosk-back__arrow" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="3" />
        </svg>{' '}
        {label}
      </button>
    </p>
  );
}
