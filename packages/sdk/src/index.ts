/**
 * @portcullis/sdk: the typed client of the Portcullis account API, for browsers (cookie
 * sessions) and Node ≥ 20 (bearer tokens), with no polyfills.
 * @packageDocumentation
 */
export { createClient } from './client.ts';
export type { ClientOptions, PortcullisClient } from './client.ts';
export type { OrgClient } from './org-client.ts';
export type { ChangeDetail, ClientEventMap, ClientEventName, ClientEventHandler } from './client-events.ts';
export { PortcullisError, isPortcullisError } from './errors.ts';
export type { PortcullisErrorCode } from './errors.ts';
export { parseOtpauthUri, formatSecret } from './otpauth.ts';
// The policy's own count, for live hints beside a new password (also in `@portcullis/sdk/contract`).
export { passwordLength } from './contract/password-length.ts';
export type { OtpauthParameters } from './otpauth.ts';
export { passkeyAutofillAvailable, webauthnAvailable } from './passkey-ceremony.ts';
export type {
  AddedPasskey,
  ApiKey,
  Authenticated,
  CreatedApiKey,
  ImportRowError,
  ImportUser,
  ImportUsersResponse,
  Challenge,
  Enrollment,
  LoginResponse as LoginResult,
  MfaStepResponse,
  PasskeySetupRequired,
  Me,
  MfaState,
  MfaSummary,
  OrgEventsPage,
  OrgMfaSummary,
  MfaGroup,
  OrgPolicy,
  OrgPolicyValues,
  SetOrgPolicyRequest,
  OrgUser,
  OrgUsersPage,
  Passkey,
  PasswordPolicy,
  ProblemCode,
  ReauthResponse,
  SecurityEvent,
  SecurityEventType,
  SessionEnrollment,
  SessionSummary,
  Webhook,
  WebhookWithSecret,
  WebhookDelivery,
  WebhookAttempt,
  CreateWebhookRequest,
  UpdateWebhookRequest,
} from './contract/index.ts';
// Left out on purpose: the transport and the error conversion are internal, so that ky stays an
// implementation detail; the schemas are published separately as `@portcullis/sdk/contract`.
