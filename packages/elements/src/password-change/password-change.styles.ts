import { css } from 'lit';

export const passwordChangeStyles = css`
  :host {
    max-width: 28rem;
  }
  .hints {
    margin: 0;
    padding-inline-start: 1.25rem;
    color: var(--_muted);
  }
  .hints li.met {
    color: var(--_success);
  }
  .hints li.met::marker {
    content: '✓ ';
  }
  [part='status']:focus {
    outline: none;
  }
`;
