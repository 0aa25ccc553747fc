import { css } from 'lit';

export const orgPolicyTableStyles = css`
  /* Its own width decides the layout, not the viewport's: the host page may put it in a column. */
  :host {
    container-type: inline-size;
  }
  .deadline-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .deadline-row input {
    width: auto;
    flex: 1 1 12rem;
  }
  p.hint {
    margin: 0;
  }
  .deadline p {
    margin: 0.25rem 0 0;
  }
  .deadline .error:empty {
    display: none;
  }
  .summary p {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  /* At least 24 × 24 CSS px (WCAG 2.5.8), never squeezed by a long label. */
  label.check input {
    width: 1.5rem;
    height: 1.5rem;
    flex-shrink: 0;
    margin: 0;
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
    text-align: start;
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  tbody th {
    font-weight: 600;
  }
  tbody th {
    overflow-wrap: anywhere;
  }
  .badge {
    white-space: nowrap;
    font-size: 0.8em;
    font-weight: normal;
    color: var(--_muted);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5rem;
  }
  td.row-actions {
    text-align: end;
  }
  td.row-actions .actions {
    justify-content: flex-end;
  }
  /* Narrow (a phone, a side column): each user is a block of its own, labels beside the values,
     the actions below them. */
  @container (max-width: 40rem) {
    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    tbody tr {
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--_border);
    }
    th,
    td {
      border-bottom: none;
      padding: 0.25rem 0;
    }
    td[data-label] {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
    }
    td[data-label]::before {
      content: attr(data-label) ':';
      color: var(--_muted);
    }
    td.row-actions {
      text-align: start;
    }
    td.row-actions .actions {
      justify-content: flex-start;
    }
  }
`;
