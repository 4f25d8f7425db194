import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface HubTileProps {
  title: string;
  description: string;
  onOpen: () => void;
  children?: ComponentChildren;
}

/** One big tile on the menu: the whole tile is the button, named by its title, described by its text. */
export function HubTile({ title, description, onOpen, children }: HubTileProps) {
  const id = useId();
  return (
    <li class="kiosk-tile">
      <button type="button" class="kiosk-tile__button" aria-describedby={`${id}-desc`} onClick={onOpen}>
        {title}
      </button>
      <div class="kiosk-tile__text" id={`${id}-desc`}>
        <p>{description}</p>
        {children}
      </div>
    </li>
  );
}
