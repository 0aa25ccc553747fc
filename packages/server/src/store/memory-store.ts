import type { Store } from './store.ts';
import { organizationsInMemory } from './memory/organizations.ts';
import { usersInMemory } from './memory/users.ts';
import { mfaInMemory } from './memory/mfa.ts';
import { sessionsInMemory } from './memory/sessions.ts';
import { challengesInMemory } from './memory/challenges.ts';
import { throttlesInMemory } from './memory/throttles.ts';
import { eventsInMemory } from './memory/events.ts';
import { passkeysInMemory } from './memory/passkeys.ts';
import { housekeepingInMemory } from './memory/housekeeping.ts';
import { dataKeyInMemory } from './memory/data-key.ts';
import { signingKeysInMemory } from './memory/signing-keys.ts';
import { apiKeysInMemory } from './memory/api-keys.ts';
import { webhooksInMemory } from './memory/webhooks.ts';
import { createMemoryState } from './memory/memory-state.ts';

/** Everything in Maps, for tests and the in-browser demo; one module per concern, like the SQL store. */
export function createMemoryStore(): Store {
  const state = createMemoryState();
  return {
    ...organizationsInMemory(state),
    ...usersInMemory(state),
    ...mfaInMemory(state),
    ...sessionsInMemory(state),
    ...challengesInMemory(state),
    ...throttlesInMemory(state),
    ...eventsInMemory(state),
    ...passkeysInMemory(state),
    ...housekeepingInMemory(state),
    ...dataKeyInMemory(state),
    ...signingKeysInMemory(state),
    ...apiKeysInMemory(state),
    ...webhooksInMemory(state),
  };
}
