import { css } from 'lit';

export const mfaResetStyles = css`
  [part='status']:focus {
    outline: none;
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
    padding-left: 1.5rem;
  }
  .codes code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
`;
