import { css } from 'lit';

export const mfaResetStyles = css`
  [part='status']:focus {
    outline: none;
  }
`;
