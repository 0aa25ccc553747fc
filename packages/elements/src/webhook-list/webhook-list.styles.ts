import { css } from 'lit';

export const webhookListStyles = css`
  form.create label {
    flex: 1 1 14rem;
  }
  .url {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .health {
    white-space: nowrap;
  }
  .health.failing {
    color: var(--_danger);
    font-weight: 600;
  }
  li > .actions {
    flex-wrap: wrap;
  }
  .deliveries {
    flex-basis: 100%;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .deliveries li {
    border-block-start: 1px solid var(--_border);
    padding-block: 0.25rem;
  }
`;
