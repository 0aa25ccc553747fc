import { css } from 'lit';

export const loginFormStyles = css`
  :host {
    max-width: 26rem;
  }
  [part='heading']:focus {
    outline: none;
  }
  [part='heading']:focus-visible {
    outline: 3px solid var(--_focus);
  }
`;
