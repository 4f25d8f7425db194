import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface KioskPageProps {
  title: string;
  /** A "back" button above the heading. */
  back?: { label: string; onClick: () => void } | undefined;
  children?: ComponentChildren;
}

/** One kiosk screen: the page's only <main> and <h1>; focus moves to the heading when the screen appears. */
export function KioskPage({ title, back, children }: KioskPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <main id="main" tabIndex={-1} class="page kiosk-page">
      {back ? (
        <p class="kiosk-back">
          <button type="button" class="btn" onClick={back.onClick}>
            <span aria-hidden="true" class="kiosk-back__arrow">
              ‹{' '}
            </span>
            {back.label}
          </button>
        </p>
      ) : null}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </main>
  );
}
