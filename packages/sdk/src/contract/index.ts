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
export {
  tokenTypeSchema,
  challengeSchema,
  enrollmentSchema,
  sessionEnrollmentSchema,
  authenticatedSchema,
  loginResponseSchema,
  reauthResponseSchema,
} from './auth.ts';
export type {
  TokenType,
  Challenge,
  Enrollment,
  SessionEnrollment,
  Authenticated,
  LoginResponse,
  ReauthResponse,
} from './auth.ts';
export { loginRequestSchema, mfaLoginRequestSchema, reauthRequestSchema } from './auth-requests.ts';
export type { LoginRequest, MfaLoginRequest, ReauthRequest } from './auth-requests.ts';

// The signed-in person: profile, MFA, sessions, recovery codes.
export {
  roleSchema,
  mfaSummarySchema,
  mfaStateSchema,
  sessionInfoSchema,
  meSchema,
  sessionSummarySchema,
  sessionsSchema,
  revokedSchema,
  recoveryCodesResponseSchema,
} from './me.ts';
export type {
  Role,
  MfaSummary,
  MfaState,
  SessionInfo,
  Me,
  SessionSummary,
  Sessions,
  Revoked,
  RecoveryCodesResponse,
} from './me.ts';
export { setMfaRequestSchema, changePasswordRequestSchema, confirmEnrollmentRequestSchema } from './me-requests.ts';
export type { SetMfaRequest, ChangePasswordRequest, ConfirmEnrollmentRequest } from './me-requests.ts';

// Passwords.
export { passwordPolicySchema, passwordLength } from './password-policy.ts';
export type { PasswordPolicy } from './password-policy.ts';

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
} from './passkey-requests.ts';
export type {
  WebauthnResponse,
  RegisterPasskeyRequest,
  RenamePasskeyRequest,
  PasskeyLoginRequest,
} from './passkey-requests.ts';

// The organization: policy, users, the audit log.
export {
  orgPolicySchema,
  orgUserSchema,
  maxPageSize,
  orgUsersPageSchema,
  securityEventTypes,
  securityEventSchema,
  orgEventsPageSchema,
  healthSchema,
} from './org.ts';
export type { OrgPolicy, OrgUser, OrgUsersPage, SecurityEventType, SecurityEvent, OrgEventsPage } from './org.ts';
export {
  setOrgPolicyRequestSchema,
  orgUsersQuerySchema,
  createUserRequestSchema,
  orgEventsQuerySchema,
} from './org-requests.ts';
export type { SetOrgPolicyRequest, OrgUsersQuery, CreateUserRequest } from './org-requests.ts';

// Tokens for the integrator's own backend.
export { tokenResponseSchema, jwksSchema, authMethodSchema, tokenClaimsSchema } from './tokens.ts';
export type { TokenResponse, Jwks, AuthMethod, TokenClaims } from './tokens.ts';

// The route table.
export { anyEndpointErrors, endpoints, routes } from './routes.ts';
export type { RouteSpec, Access, EndpointName, Endpoints } from './routes.ts';
export type { ParamNames, PathParams, HasParams } from './path-params.ts';
