/**
 * The Portcullis HTTP contract: zod schemas of every request, response and problem body,
 * shared by the server (to parse input) and the SDK (to check what it receives), and the route
 * table both are built from. Every export is named here (no `export *`), so a helper is never
 * public by accident. Left out on purpose: the building blocks the schemas are made of (`idSchema`,
 * `timestampSchema`, `passwordSchema`, `codeSchema`, `passwordInputMaxLength`,
 * `passkeyNameSchema`, `publicJwkSchema`): use the request and response schemas that hold them.
 * @packageDocumentation
 */

// Problems: every error the API answers with.
export { problemCodes, problemStatus, passwordRuleCodes, fieldErrorSchema, problemSchema } from './problem.ts';
export type { ProblemCode, PasswordRuleCode, FieldError, Problem } from './problem.ts';

// Signing in: the password, the MFA step, re-authentication.
export { usernameSchema, loginUsernameSchema } from './request-fields.ts';
export { tokenTypeSchema } from './scalars.ts';
export {
  challengeSchema,
  authenticatedSchema,
  loginResponseSchema,
  passkeySetupRequiredSchema,
  mfaStepResponseSchema,
} from './login.ts';
export { enrollmentSchema, sessionEnrollmentSchema } from './mfa.ts';
export { reauthResponseSchema } from './sessions.ts';
export type { TokenType } from './scalars.ts';
export type { Challenge, Authenticated, LoginResponse, PasskeySetupRequired, MfaStepResponse } from './login.ts';
export type { Enrollment, SessionEnrollment } from './mfa.ts';
export type { ReauthResponse } from './sessions.ts';
export { loginRequestSchema, mfaLoginRequestSchema, passkeySetupRequestSchema } from './login.ts';
export { reauthRequestSchema } from './sessions.ts';
export type { LoginRequest, MfaLoginRequest, PasskeySetupRequest } from './login.ts';
export type { ReauthRequest } from './sessions.ts';

// The signed-in person: profile, MFA, sessions, recovery codes.
export { roleSchema, meSchema } from './profile.ts';
export { mfaSummarySchema, mfaStateSchema, recoveryCodesResponseSchema } from './mfa.ts';
export { sessionInfoSchema, sessionSummarySchema, sessionsSchema, revokedSchema } from './sessions.ts';
export type { Role, Me } from './profile.ts';
export type { MfaSummary, MfaState, RecoveryCodesResponse } from './mfa.ts';
export type { SessionInfo, SessionSummary, Sessions, Revoked } from './sessions.ts';
export { setMfaRequestSchema, confirmEnrollmentRequestSchema } from './mfa.ts';
export { changePasswordRequestSchema } from './password.ts';
export type { SetMfaRequest, ConfirmEnrollmentRequest } from './mfa.ts';
export type { ChangePasswordRequest } from './password.ts';

// Passwords.
export { passwordPolicySchema } from './password.ts';
export { passwordLength } from './password-length.ts';
export type { PasswordPolicy } from './password.ts';

// Passkeys.
export {
  passkeySchema,
  addedPasskeySchema,
  passkeysSchema,
  passkeyOptionsSchema,
  passkeyLoginStartSchema,
} from './passkeys.ts';
export type { Passkey, AddedPasskey, Passkeys, PasskeyOptions, PasskeyLoginStart } from './passkeys.ts';
export {
  webauthnResponseSchema,
  registerPasskeyRequestSchema,
  renamePasskeyRequestSchema,
  passkeyLoginRequestSchema,
} from './passkeys.ts';
export type {
  WebauthnResponse,
  RegisterPasskeyRequest,
  RenamePasskeyRequest,
  PasskeyLoginRequest,
} from './passkeys.ts';

// The organization: policy, users, the audit log.
export {
  orgPolicySchema,
  orgPolicyValuesSchema,
  maxMfaDeadlineDays,
  orgUserSchema,
  orgUserMfaSchema,
  orgMfaSummarySchema,
  mfaGroups,
  maxPageSize,
  orgUsersPageSchema,
  securityEventTypes,
  securityEventSchema,
  orgEventsPageSchema,
} from './org.ts';
export { healthSchema, openApiDocumentSchema } from './service.ts';
export type {
  OrgPolicy,
  OrgPolicyValues,
  OrgUser,
  OrgUserMfa,
  OrgMfaSummary,
  MfaGroup,
  OrgUsersPage,
  SecurityEventType,
  SecurityEvent,
  OrgEventsPage,
} from './org.ts';
export {
  setOrgPolicyRequestSchema,
  orgUsersQuerySchema,
  createUserRequestSchema,
  orgEventsQuerySchema,
} from './org.ts';
export type { SetOrgPolicyRequest, OrgUsersQuery, OrgEventsQuery, CreateUserRequest } from './org.ts';

// Importing users with their password hashes.
export {
  maxImportBatch,
  importUserSchema,
  importUsersRequestSchema,
  importUsersResponseSchema,
  importRowCodes,
  importRowErrorSchema,
} from './user-import.ts';
export type {
  ImportUser,
  ImportUsersRequest,
  ImportUsersResponse,
  ImportRowCode,
  ImportRowError,
} from './user-import.ts';

// Organization API keys, for the organization's own backend.
export {
  apiKeyPrefix,
  apiKeySchema,
  apiKeysSchema,
  createdApiKeySchema,
  createApiKeyRequestSchema,
} from './api-keys.ts';
export type { ApiKey, ApiKeys, CreatedApiKey, CreateApiKeyRequest } from './api-keys.ts';

// Webhooks (#20): endpoints, their deliveries and attempts.
export {
  webhookSecretPrefix,
  webhookSchema,
  webhooksSchema,
  webhookWithSecretSchema,
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookDeliveriesSchema,
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
} from './webhooks.ts';
export type {
  Webhook,
  Webhooks,
  WebhookWithSecret,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveries,
  CreateWebhookRequest,
  UpdateWebhookRequest,
} from './webhooks.ts';

// Tokens for the integrator's own backend.
export { tokenResponseSchema, jwksSchema, authMethodSchema, tokenClaimsSchema } from './tokens.ts';
export type { TokenResponse, Jwks, AuthMethod, TokenClaims } from './tokens.ts';

// The route table.
export { anyEndpointErrors, endpoints, routes } from './routes.ts';
export type { RouteSpec, RouteMeta, RouteSchemas, Access, EndpointName, Endpoints } from './routes.ts';
export { pathWith } from './path-params.ts';
export type { ParamNames, PathParams, HasParams } from './path-params.ts';
