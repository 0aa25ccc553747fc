import { css } from 'lit';

export const sessionListStyles = css`
  .device {
    font-weight: 600;
  }
  [part='this-device'] {
    /* A badge never breaks inside a word; it moves to the next line whole. */
    display: inline-block;
    white-space: nowrap;
    margin-inline-start: 0.5rem;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--_success);
    color: var(--_accent-fg);
    font-size: 0.85em;
    font-weight: 600;
  }
`;
