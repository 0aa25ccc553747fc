import type { OrgEventsPage } from '@portcullis/sdk/contract';
import { DomainError } from '../errors.ts';
import type { Services } from '../../services.ts';
import { eventView } from '../../store/event-view.ts';

const defaultPageSize = 50;

/** The organization's security events, newest first; the cursor is the last id seen. */
export async function listOrgEvents(
  services: Services,
  orgId: string,
  { cursor, limit }: { cursor?: string | undefined; limit?: number | undefined },
): Promise<OrgEventsPage> {
  const pageSize = limit ?? defaultPageSize;
  if (pageSize < 1 || pageSize > 100) {
    throw new DomainError('invalid_request', { errors: [{ path: 'limit', message: 'Use a limit from 1 to 100.' }] });
  }
  let beforeId: number | null = null;
  if (cursor !== undefined) {
    if (!/^\d{1,15}$/.test(cursor)) {
      throw new DomainError('invalid_request', {
        errors: [{ path: 'cursor', message: 'Not a cursor from this API.' }],
      });
    }
    beforeId = Number(cursor);
  }
  const rows = await services.store.listEvents(orgId, beforeId, pageSize + 1);
  const page = rows.slice(0, pageSize);
  return {
    items: page.map(eventView),
    nextCursor: rows.length > pageSize && page.length > 0 ? String(page.at(-1)?.id) : null,
  };
}
