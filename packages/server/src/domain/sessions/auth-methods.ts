/**
 * How a session proved who it is, as RFC 8176 `amr` values: `pwd` a password, `otp` a one-time
 * code (an authenticator app's or a recovery code), `swk` a passkey (we keep no attestation, so we
 * never claim the stronger `hwk`), `mfa` when two factors were used (a passkey with user
 * verification counts as two, as everywhere in this server).
 */
export type AuthMethod = 'pwd' | 'otp' | 'swk' | 'mfa';

/** The combinations a sign-in or a re-authentication can make. */
export const authMethods = {
  password: ['pwd'],
  passwordAndCode: ['pwd', 'otp', 'mfa'],
  passwordAndPasskey: ['pwd', 'swk', 'mfa'],
  passkey: ['swk', 'mfa'],
} as const satisfies Record<string, readonly AuthMethod[]>;

export type AuthMethods = (typeof authMethods)[keyof typeof authMethods];
