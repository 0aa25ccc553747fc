import { css } from 'lit';

export const passkeyListStyles = css`
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  [part='row'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_gap);
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .name {
    font-weight: 600;
  }
  .details {
    margin: 0.25rem 0 0;
  }
  .actions,
  .rename {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  [part='status']:focus {
    outline: none;
  }
`;
