import { SignJWT } from 'jose';
import type { TokenResponse } from '@portcullis/sdk/contract';
import { newId } from '../../crypto/tokens.ts';
import type { Services } from '../../services.ts';
import { sessionEnd, type Authenticated } from '../sessions/sessions.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A short-lived token that tells the integrator's own backend who is signed in (security rule 30,
 * docs/architecture.md): identity only, signed with the current Ed25519 key. It never outlives
 * the session it came from, and `sid` is the session's public id, never its secret. It is not a
 * session: the account API does not accept it.
 */
export async function issueToken(services: Services, auth: Authenticated, issuer: string): Promise<TokenResponse> {
  const { session, user } = auth;
  const { settings, clock, random } = services;
  const now = clock.now();
  const issuedAt = seconds(now);
  const expiresAt = Math.min(issuedAt + seconds(settings.tokenTtlMs), seconds(sessionEnd(services, session)));
  const audience =
    settings.tokenAudience.length === 0
      ? issuer
      : settings.tokenAudience.length === 1
        ? settings.tokenAudience[0]!
        : [...settings.tokenAudience];
  const { kid, privateKey } = await services.signingKeys.current();
  const token = await new SignJWT({
    org: user.orgId,
    role: user.role,
    username: user.username,
    amr: session.amr,
    // An MFA reset clears the re-authentication (reauthAt 0): the sign-in is then the last one.
    auth_time: seconds(session.reauthAt > 0 ? session.reauthAt : session.createdAt),
    sid: session.id,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(user.id)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(newId('tok', random))
    .sign(privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
}
