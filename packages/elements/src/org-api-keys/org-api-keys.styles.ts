import { css } from 'lit';

export const orgApiKeysStyles = css`
  form.create label {
    flex: 1 1 12rem;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
`;
