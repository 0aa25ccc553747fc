import { css } from 'lit';

/**
 * Design tokens and the shared look. Every colour and spacing is a `--portcullis-*` custom
 * property with a light and a dark default (`light-dark()`): the system preference decides,
 * unless `theme="dark"`/`theme="light"` is set on an element or the host page sets
 * `--portcullis-color-scheme` on an ancestor. Fonts come from the host page.
 */
export const tokens = css`
  :host {
    color-scheme: var(--portcullis-color-scheme, light dark);
    --_bg: var(--portcullis-surface, light-dark(#ffffff, #161b22));
    --_fg: var(--portcullis-text, light-dark(#1b1f24, #e6edf3));
    --_muted: var(--portcullis-text-muted, light-dark(#57606a, #9da7b3));
    --_border: var(--portcullis-border, light-dark(#8c959f, #6e7681));
    --_accent: var(--portcullis-accent, light-dark(#0b5cad, #4493f8));
    --_accent-fg: var(--portcullis-accent-text, light-dark(#ffffff, #0d1117));
    --_danger: var(--portcullis-danger, light-dark(#b3261e, #ff7b72));
    --_danger-fg: var(--portcullis-danger-text, light-dark(#ffffff, #0d1117));
    --_success: var(--portcullis-success, light-dark(#1a7f37, #3fb950));
    --_switch-on: var(--portcullis-switch-on, light-dark(#1a7f37, #2ea043));
    --_switch-off: var(--portcullis-switch-off, light-dark(#6e7781, #8b949e));
    --_focus: var(--portcullis-focus-ring, light-dark(#0b5cad, #4493f8));
    --_field-bg: var(--portcullis-field-surface, light-dark(#ffffff, #0d1117));
    --_radius: var(--portcullis-radius, 6px);
    --_gap: var(--portcullis-gap, 0.75rem);
    display: block;
    color: var(--_fg);
    /* Text colours follow the scheme, so the surface does too; set --portcullis-surface to blend in. */
    background: var(--_bg);
    font: inherit;
  }
  /* A theme attribute sets the scheme for this element and, through the inherited custom
     property, for the elements inside it (profile-settings passes it to its parts). */
  :host([theme='dark']) {
    --portcullis-color-scheme: dark;
  }
  :host([theme='light']) {
    --portcullis-color-scheme: light;
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
  input[type='search'],
  input[type='date'],
  input[type='url'] {
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
    color: var(--_danger-fg);
  }
  form > button,
  .stack > button {
    justify-self: start;
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

/** The list of recovery codes, shown after enrollment and after renewal. */
export const recoveryCodesStyles = css`
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
    padding-inline-start: 1.5rem;
  }
  .codes code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
  }
`;

/** The QR code, setup key and "I saved them" box of an enrollment. */
export const enrollmentStyles = css`
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

/** A list of bordered rows, each with a name, a line of details and its buttons: sessions, passkeys. */
export const rowListStyles = css`
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
  .details {
    margin: 0.25rem 0 0;
  }
  [part='status']:focus {
    outline: none;
  }
`;
