import type { MemoryState } from './memory-state.ts';
import type { EventStore, SecurityEventRecord } from '../store.ts';

/** The memory store's events, as `store/sql/events-sql.ts` has them in SQL. */
export function eventsInMemory(state: MemoryState): EventStore {
  const { events, log } = state;
  return {
    async appendEvent(event) {
      log(event);
    },
    async listEvents(orgId, beforeId, limit) {
      const out: SecurityEventRecord[] = [];
      for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
        const event = events[i] as SecurityEventRecord;
        if (event.orgId === orgId && (beforeId === null || event.id < beforeId)) out.push({ ...event });
      }
      return out;
    },
    async listEventsSince(orgId, since, limit) {
      return events
        .filter((e) => (orgId === null || e.orgId === orgId) && e.at >= since)
        .slice(0, limit)
        .map((e) => ({ ...e }));
    },
  };
}
