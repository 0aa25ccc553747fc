import type { Me, MfaState } from '@portcullis/sdk/contract';
import type { Services } from '../../services.ts';
import type { OrganizationRecord, UserRecord } from '../../store/store.ts';
import { mfaState } from '../mfa/mfa-state.ts';
import { sessionInfo, type Authenticated } from './sessions.ts';

export async function currentMfaState(
  services: Services,
  user: UserRecord,
  org: OrganizationRecord,
): Promise<MfaState> {
  const fresh = (await services.store.getUser(user.id)) ?? user;
  const freshOrg = (await services.store.getOrganization(org.id)) ?? org;
  return mfaState(fresh, freshOrg, await services.store.countRecoveryCodes(user.id), services.clock.now());
}

/** The signed-in user as `GET /me` shows it. */
export function profile(
  services: Services,
  auth: Pick<Authenticated, 'user' | 'org' | 'session' | 'recoveryCodesLeft'>,
): Me {
  const { user, org, session } = auth;
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    organization: { id: org.id, name: org.name },
    mfa: mfaState(user, org, auth.recoveryCodesLeft, services.clock.now()),
    session: sessionInfo(services, session),
  };
}
