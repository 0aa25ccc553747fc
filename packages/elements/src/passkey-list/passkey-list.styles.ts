import { css } from 'lit';

export const passkeyListStyles = css`
  .name {
    font-weight: 600;
  }
  .actions,
  .rename {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
`;
