import { css } from 'lit';

/**
 * Design tokens and the shared look. Every colour and spacing is a `--portcullis-*` custom
 * property with a default, light and dark; `theme="dark"` or `theme="light"` on an element (or
 * the provider) overrides the system preference. Fonts come from the host page.
 */
export const tokens = css`
  :host {
    --_bg: var(--portcullis-surface, #ffffff);
    --_fg: var(--portcullis-text, #1b1f24);
    --_muted: var(--portcullis-text-muted, #57606a);
    --_border: var(--portcullis-border, #8c959f);
    --_accent: var(--portcullis-accent, #0b5cad);
    --_accent-fg: var(--portcullis-accent-text, #ffffff);
    --_danger: var(--portcullis-danger, #b3261e);
    --_success: var(--portcullis-success, #1a7f37);
    --_switch-on: var(--portcullis-switch-on, #1a7f37);
    --_switch-off: var(--portcullis-switch-off, #6e7781);
    --_focus: var(--portcullis-focus-ring, #0b5cad);
    --_radius: var(--portcullis-radius, 6px);
    --_gap: var(--portcullis-gap, 0.75rem);
    --_field-bg: var(--portcullis-field-surface, #ffffff);
    display: block;
    color: var(--_fg);
    font: inherit;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--portcullis-surface, #161b22);
      --_fg: var(--portcullis-text, #e6edf3);
      --_muted: var(--portcullis-text-muted, #9da7b3);
      --_border: var(--portcullis-border, #6e7681);
      --_accent: var(--portcullis-accent, #4493f8);
      --_accent-fg: var(--portcullis-accent-text, #0d1117);
      --_danger: var(--portcullis-danger, #ff7b72);
      --_success: var(--portcullis-success, #3fb950);
      --_switch-on: var(--portcullis-switch-on, #2ea043);
      --_switch-off: var(--portcullis-switch-off, #8b949e);
      --_focus: var(--portcullis-focus-ring, #4493f8);
      --_field-bg: var(--portcullis-field-surface, #0d1117);
    }
  }
  :host([theme='dark']) {
    --_bg: var(--portcullis-surface, #161b22);
    --_fg: var(--portcullis-text, #e6edf3);
    --_muted: var(--portcullis-text-muted, #9da7b3);
    --_border: var(--portcullis-border, #6e7681);
    --_accent: var(--portcullis-accent, #4493f8);
    --_accent-fg: var(--portcullis-accent-text, #0d1117);
    --_danger: var(--portcullis-danger, #ff7b72);
    --_success: var(--portcullis-success, #3fb950);
    --_switch-on: var(--portcullis-switch-on, #2ea043);
    --_switch-off: var(--portcullis-switch-off, #8b949e);
    --_focus: var(--portcullis-focus-ring, #4493f8);
    --_field-bg: var(--portcullis-field-surface, #0d1117);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3 {
    margin: 0 0 var(--_gap);
    font-size: 1.15em;
    line-height: 1.3;
  }
  p {
    margin: 0 0 var(--_gap);
  }
  .muted {
    color: var(--_muted);
  }
  form,
  .stack {
    display: grid;
    gap: var(--_gap);
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  input[type='search'] {
    font: inherit;
    color: var(--_fg);
    background: var(--_field-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.625rem;
    min-height: 2.5rem;
    width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.5rem 1rem;
    min-height: 2.5rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #ffffff;
  }
  button.link {
    background: none;
    border: none;
    padding: 0.25rem 0;
    min-height: auto;
    color: var(--_accent);
    text-decoration: underline;
    font-weight: normal;
    justify-self: start;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
  .success {
    color: var(--_success);
    margin: 0;
  }
  .field-error {
    color: var(--_danger);
    font-weight: normal;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
