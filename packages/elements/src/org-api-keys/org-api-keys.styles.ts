import { css } from 'lit';

export const orgApiKeysStyles = css`
  form.create {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem var(--_gap);
  }
  form.create label {
    flex: 1 1 12rem;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  code.key {
    display: block;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
    user-select: all;
  }
`;
