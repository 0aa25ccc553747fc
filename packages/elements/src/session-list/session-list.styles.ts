import { css } from 'lit';

export const sessionListStyles = css`
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  [part~='row'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_gap);
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .device {
    font-weight: 600;
  }
  [part='this-device'] {
    margin-left: 0.5rem;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--_success);
    color: var(--_accent-fg);
    font-size: 0.85em;
    font-weight: 600;
  }
  .details {
    margin: 0.25rem 0 0;
  }
  [part='status']:focus {
    outline: none;
  }
`;
