import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ReadAloud } from '../speech/ReadAloud';

interface KioskPageProps {
  title: string;
  /** A "back" button above the heading. */
  back?: { label: string; onClick: () => void } | undefined;
  /** The heading is a resident's words (an idea's title): its direction comes from its own script. */
  isUserTitle?: boolean;
  children?: ComponentChildren;
}

/** One kiosk screen: the page's only <main> and <h1>; focus moves to the heading when the screen appears. */
export function KioskPage({ title, back, isUserTitle = false, children }: KioskPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <main ref={main} id="main" tabIndex={-1} class="page kiosk-page">
      {back ? (
        <p class="kiosk-back">
          <button type="button" class="btn" onClick={back.onClick}>
            <svg class="icon icon--directional kiosk-back__arrow" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="3" />
            </svg>{' '}
            {back.label}
          </button>
        </p>
      ) : null}
      <h1 ref={heading} tabIndex={-1} dir={isUserTitle ? 'auto' : undefined}>
        {title}
      </h1>
      {/* Reads the heading and instructions (a new screen is a new button: leaving one stops its reading). */}
      <ReadAloud key={title} root={main} screenTitle={isUserTitle ? undefined : title} />
      {children}
    </main>
  );
}
