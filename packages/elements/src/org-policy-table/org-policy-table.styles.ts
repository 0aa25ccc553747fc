import { css } from 'lit';

export const orgPolicyTableStyles = css`
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  label.check input {
    width: 1.25rem;
    height: 1.25rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  table[aria-busy='true'] tbody {
    opacity: 0.6;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  tbody th {
    font-weight: 600;
  }
  .badge {
    font-size: 0.8em;
    font-weight: normal;
    color: var(--_muted);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5rem;
  }
  td:last-child {
    text-align: right;
  }
`;
