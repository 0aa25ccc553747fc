import { css } from 'lit';

export const dialogStyles = css`
  :host {
    display: contents;
  }
  dialog {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem;
    max-width: min(32rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: var(--portcullis-backdrop, rgb(0 0 0 / 0.5));
  }
`;
