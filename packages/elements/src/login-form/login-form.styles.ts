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
  .qr {
    width: 12rem;
    height: 12rem;
    display: grid;
    place-items: center;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #ffffff;
  }
  .qr svg {
    width: 100%;
    height: 100%;
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .secret-label {
    font-weight: 600;
  }
  [part='secret'] {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.05em;
    letter-spacing: 0.05em;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: normal;
  }
  label.check input {
    width: 1.25rem;
    height: 1.25rem;
  }
`;
