import { css } from 'lit';

export const mfaToggleStyles = css`
  .row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
    flex-wrap: wrap;
  }
  .reminder {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_accent);
  }
  .reminder.urgent {
    border-inline-start-color: var(--_danger);
    font-weight: 600;
  }
  [part='label'] {
    font-weight: 600;
  }
  [part='switch'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    background: none;
    border: none;
    color: var(--_fg);
    padding: 0.25rem;
  }
  [part='switch'][aria-disabled='true'] {
    cursor: not-allowed;
  }
  .track {
    position: relative;
    width: 2.75rem;
    height: 1.5rem;
    border-radius: 999px;
    background: var(--_switch-off);
    transition: background-color 120ms;
  }
  .on .track {
    background: var(--_switch-on);
  }
  .thumb {
    position: absolute;
    inset-block-start: 0.1875rem;
    inset-inline-start: 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: #ffffff;
    transition: transform 120ms;
  }
  .on .thumb {
    transform: translateX(1.25rem);
  }
  /* Right to left, "on" is to the left: the switch mirrors. */
  :host(:dir(rtl)) .on .thumb {
    transform: translateX(-1.25rem);
  }
  .state {
    min-inline-size: 2rem;
    text-align: start;
  }
  [part='hint'] {
    margin-top: 0.25rem;
  }
  /* The "Set up now" steps, set apart from the switch. */
  .panel {
    margin-top: var(--_gap);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part='setup-heading']:focus {
    outline: none;
  }
  [part='setup-heading']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  @media (prefers-reduced-motion: reduce) {
    .track,
    .thumb {
      transition: none;
    }
  }
`;
