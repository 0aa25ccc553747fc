import {
  authenticatedSchema,
  loginRequestSchema,
  loginResponseSchema,
  mfaLoginRequestSchema,
  mfaStepResponseSchema,
  passkeySetupRequestSchema,
} from './login.ts';
import {
  confirmEnrollmentRequestSchema,
  mfaStateSchema,
  recoveryCodesResponseSchema,
  sessionEnrollmentSchema,
  setMfaRequestSchema,
} from './mfa.ts';
import { healthSchema, openApiDocumentSchema } from './service.ts';
import {
  addedPasskeySchema,
  passkeyLoginRequestSchema,
  passkeyLoginStartSchema,
  passkeyOptionsSchema,
  passkeySchema,
  passkeysSchema,
  registerPasskeyRequestSchema,
  renamePasskeyRequestSchema,
} from './passkeys.ts';
import { changePasswordRequestSchema, passwordPolicySchema } from './password.ts';
import { meSchema } from './profile.ts';
import { reauthRequestSchema, reauthResponseSchema, revokedSchema, sessionsSchema } from './sessions.ts';
import { jwksSchema, tokenResponseSchema } from './tokens.ts';
import type { SchemasOf } from './route-spec.ts';
import type { accountRoutes } from './account-routes.ts';

/**
 * What each account route takes and answers, by name: its body, its query and its success
 * answer. The server parses with them and the OpenAPI document shows them; the client loads them
 * with its first call to check every answer (docs/architecture.md, "What loads with the page").
 */
export const accountSchemas = {
  login: { body: loginRequestSchema, response: loginResponseSchema },
  completeMfa: { body: mfaLoginRequestSchema, response: mfaStepResponseSchema },
  finishPasskeySetup: { body: passkeySetupRequestSchema, response: authenticatedSchema },
  startPasskeyLogin: { response: passkeyLoginStartSchema },
  finishPasskeyLogin: { body: passkeyLoginRequestSchema, response: authenticatedSchema },
  logout: {},
  me: { response: meSchema },
  startPasskeyReauth: { response: passkeyOptionsSchema },
  reauthenticate: { body: reauthRequestSchema, response: reauthResponseSchema },
  setMfaEnabled: { body: setMfaRequestSchema, response: mfaStateSchema },
  resetMfa: { response: mfaStateSchema },
  renewRecoveryCodes: { response: recoveryCodesResponseSchema },
  startEnrollment: { response: sessionEnrollmentSchema },
  confirmEnrollment: { body: confirmEnrollmentRequestSchema, response: recoveryCodesResponseSchema },
  issueToken: { response: tokenResponseSchema },
  passkeys: { response: passkeysSchema },
  startPasskeyRegistration: { response: passkeyOptionsSchema },
  finishPasskeyRegistration: { body: registerPasskeyRequestSchema, response: addedPasskeySchema },
  renamePasskey: { body: renamePasskeyRequestSchema, response: passkeySchema },
  removePasskey: {},
  sessions: { response: sessionsSchema },
  revokeSession: {},
  revokeOtherSessions: { response: revokedSchema },
  changePassword: { body: changePasswordRequestSchema },
  passwordPolicy: { response: passwordPolicySchema },
  openApi: { response: openApiDocumentSchema },
  jwks: { response: jwksSchema },
  health: { response: healthSchema },
} as const satisfies SchemasOf<typeof accountRoutes>;
