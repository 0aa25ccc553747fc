import { css } from 'lit';

export const profileSettingsStyles = css`
  :host {
    max-width: 48rem;
    background: var(--_bg);
    padding: var(--portcullis-page-padding, 1.5rem);
    border-radius: var(--_radius);
  }
  [part='heading']:focus {
    outline: none;
  }
  [part='heading']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_gap);
  }
  section {
    display: grid;
    gap: var(--_gap);
    padding: 1.25rem 0;
    border-top: 1px solid var(--_border);
  }
  section:first-of-type {
    margin-top: var(--portcullis-section-gap, 1rem);
  }
`;
