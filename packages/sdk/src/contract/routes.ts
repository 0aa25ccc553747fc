import * as z from 'zod/mini';
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
import {
  createUserRequestSchema,
  healthSchema,
  orgEventsPageSchema,
  orgEventsQuerySchema,
  orgMfaSummarySchema,
  orgPolicySchema,
  orgUserSchema,
  orgUsersPageSchema,
  orgUsersQuerySchema,
  setOrgPolicyRequestSchema,
} from './org.ts';
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
import { importUsersRequestSchema, importUsersResponseSchema } from './user-import.ts';
import { apiKeysSchema, createApiKeyRequestSchema, createdApiKeySchema } from './api-keys.ts';
import {
  createWebhookRequestSchema,
  updateWebhookRequestSchema,
  webhookDeliveriesSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhooksSchema,
  webhookWithSecretSchema,
} from './webhooks.ts';
import type { ProblemCode } from './problem.ts';

/**
 * Who may call a route: anyone, a sign-in in progress, any signed-in user, the organization's
 * root user in a session (`root`), or the root user or one of the organization's API keys
 * (`org`: the admin API, docs/architecture.md). An API key is refused on every other route.
 */
export type Access = 'public' | 'challenge' | 'session' | 'root' | 'org';

/** One endpoint of the contract. */
export interface RouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path under `/api/v1` (at the origin's root with `atRoot`), parameters as `{id}`. */
  readonly path: string;
  /** Served at the origin's root, where a well-known path must be, not under `/api/v1`. */
  readonly atRoot?: true;
  readonly summary: string;
  readonly access: Access;
  readonly body?: z.core.$ZodType;
  readonly query?: z.core.$ZodType;
  /** The success body; absent for 204. */
  readonly response?: z.core.$ZodType;
  readonly status: 200 | 201 | 204;
  readonly errors: readonly ProblemCode[];
  /** A larger body than the usual 64 KiB, for the few entries that take a batch. */
  readonly maxBodyBytes?: number;
}

/**
 * What any endpoint may answer besides the codes its entry lists: a request for another host or
 * from another origin (`forbidden`), a body over the limit, a database that cannot be reached,
 * an unexpected fault (a plain 500), an API key where none is accepted (`unauthenticated`).
 */
export const anyEndpointErrors = [
  'forbidden',
  // An organization API key presented anywhere but the organization endpoints.
  'unauthenticated',
  'payload_too_large',
  'unavailable',
  'internal_error',
] as const satisfies readonly ProblemCode[];

const sessionErrors = ['unauthenticated'] as const;
const reauthErrors = ['unauthenticated', 'reauth_required'] as const;
const rootErrors = ['unauthenticated', 'forbidden'] as const;
/** The admin API: an API key over its own request budget waits (`rate_limited`). */
const orgErrors = ['unauthenticated', 'forbidden', 'rate_limited'] as const;

/**
 * The HTTP contract, v1: one entry per endpoint, by name. The server mounts its handlers from
 * these (`packages/server/src/routes/`), the SDK's client calls by them, and the OpenAPI document
 * is generated from them (docs/architecture.md, "The route table").
 */
export const routes = [
  {
    name: 'login',
    method: 'post',
    path: '/login',
    summary: 'Sign in with a password',
    access: 'public',
    body: loginRequestSchema,
    response: loginResponseSchema,
    status: 200,
    errors: ['invalid_request', 'invalid_credentials', 'rate_limited', 'forbidden'],
  },
  {
    name: 'completeMfa',
    method: 'post',
    path: '/login/mfa',
    summary: 'Answer the MFA or enrollment challenge',
    access: 'challenge',
    body: mfaLoginRequestSchema,
    response: mfaStepResponseSchema,
    status: 200,
    errors: ['invalid_request', 'invalid_code', 'challenge_expired', 'rate_limited'],
  },
  {
    name: 'finishPasskeySetup',
    method: 'post',
    path: '/login/passkey/setup',
    summary: 'Register the passkey a phishing-resistant organization asks for, and sign in',
    access: 'challenge',
    body: passkeySetupRequestSchema,
    response: authenticatedSchema,
    status: 200,
    errors: ['invalid_request', 'invalid_code', 'challenge_expired', 'rate_limited'],
  },
  {
    name: 'startPasskeyLogin',
    method: 'post',
    path: '/login/passkey',
    summary: 'Start a sign-in with a passkey alone',
    access: 'public',
    response: passkeyLoginStartSchema,
    status: 200,
    errors: ['forbidden', 'rate_limited'],
  },
  {
    name: 'finishPasskeyLogin',
    method: 'post',
    path: '/login/passkey/verify',
    summary: 'Finish a sign-in with a passkey alone (both factors at once)',
    access: 'challenge',
    body: passkeyLoginRequestSchema,
    response: authenticatedSchema,
    status: 200,
    errors: ['invalid_request', 'invalid_credentials', 'challenge_expired', 'rate_limited'],
  },
  {
    name: 'logout',
    method: 'post',
    path: '/logout',
    summary: 'End this session',
    access: 'session',
    status: 204,
    errors: sessionErrors,
  },
  {
    name: 'me',
    method: 'get',
    path: '/me',
    summary: 'The signed-in user',
    access: 'session',
    response: meSchema,
    status: 200,
    errors: sessionErrors,
  },
  {
    name: 'startPasskeyReauth',
    method: 'post',
    path: '/me/reauth/passkey',
    summary: 'Request options to confirm identity with a passkey',
    access: 'session',
    response: passkeyOptionsSchema,
    status: 200,
    errors: ['unauthenticated', 'conflict'],
  },
  {
    name: 'reauthenticate',
    method: 'post',
    path: '/me/reauth',
    summary: 'Confirm identity for sensitive changes',
    access: 'session',
    body: reauthRequestSchema,
    response: reauthResponseSchema,
    status: 200,
    errors: [
      'unauthenticated',
      'invalid_request',
      'invalid_credentials',
      'invalid_code',
      'challenge_expired',
      'rate_limited',
    ],
  },
  {
    name: 'setMfaEnabled',
    method: 'put',
    path: '/me/mfa',
    summary: 'Turn MFA on or off',
    access: 'session',
    body: setMfaRequestSchema,
    response: mfaStateSchema,
    status: 200,
    errors: [...reauthErrors, 'invalid_request', 'mfa_enforced', 'password_policy'],
  },
  {
    name: 'resetMfa',
    method: 'post',
    path: '/me/mfa/reset',
    summary: 'Unlink the authenticator; enroll again at the next login',
    access: 'session',
    response: mfaStateSchema,
    status: 200,
    errors: [...reauthErrors, 'conflict'],
  },
  {
    name: 'renewRecoveryCodes',
    method: 'post',
    path: '/me/mfa/recovery-codes',
    summary: 'Replace the recovery codes',
    access: 'session',
    response: recoveryCodesResponseSchema,
    status: 200,
    errors: [...reauthErrors, 'conflict'],
  },
  {
    name: 'startEnrollment',
    method: 'post',
    path: '/me/mfa/enrollment',
    summary: 'Set up now: a new authenticator secret for this session',
    access: 'session',
    response: sessionEnrollmentSchema,
    status: 200,
    errors: [...reauthErrors, 'conflict'],
  },
  {
    name: 'confirmEnrollment',
    method: 'post',
    path: '/me/mfa/enrollment/confirm',
    summary: 'Set up now: link the authenticator with its first code',
    access: 'session',
    body: confirmEnrollmentRequestSchema,
    response: recoveryCodesResponseSchema,
    status: 200,
    errors: ['unauthenticated', 'invalid_request', 'invalid_code', 'challenge_expired', 'rate_limited', 'conflict'],
  },
  {
    name: 'issueToken',
    method: 'post',
    path: '/me/token',
    summary: "A short-lived signed token that tells the integrator's own backend who is signed in",
    access: 'session',
    response: tokenResponseSchema,
    status: 200,
    errors: sessionErrors,
  },
  {
    name: 'passkeys',
    method: 'get',
    path: '/me/passkeys',
    summary: "The person's passkeys",
    access: 'session',
    response: passkeysSchema,
    status: 200,
    errors: sessionErrors,
  },
  {
    name: 'startPasskeyRegistration',
    method: 'post',
    path: '/me/passkeys/registration',
    summary: 'Creation options to register a passkey',
    access: 'session',
    response: passkeyOptionsSchema,
    status: 200,
    errors: reauthErrors,
  },
  {
    name: 'finishPasskeyRegistration',
    method: 'post',
    path: '/me/passkeys/registration/verify',
    summary: 'Register the passkey the browser made',
    access: 'session',
    body: registerPasskeyRequestSchema,
    response: addedPasskeySchema,
    status: 200,
    errors: [...reauthErrors, 'invalid_request', 'invalid_code', 'challenge_expired', 'conflict'],
  },
  {
    name: 'renamePasskey',
    method: 'patch',
    path: '/me/passkeys/{id}',
    summary: 'Rename a passkey',
    access: 'session',
    body: renamePasskeyRequestSchema,
    response: passkeySchema,
    status: 200,
    errors: ['unauthenticated', 'invalid_request', 'not_found'],
  },
  {
    name: 'removePasskey',
    method: 'delete',
    path: '/me/passkeys/{id}',
    summary: 'Remove a passkey (the last factor: MFA off, where allowed)',
    access: 'session',
    status: 204,
    errors: [...reauthErrors, 'not_found', 'mfa_enforced', 'password_policy'],
  },
  {
    name: 'sessions',
    method: 'get',
    path: '/me/sessions',
    summary: 'Where this person is signed in',
    access: 'session',
    response: sessionsSchema,
    status: 200,
    errors: sessionErrors,
  },
  {
    name: 'revokeSession',
    method: 'delete',
    path: '/me/sessions/{id}',
    summary: 'End one of these sessions (this one: sign out)',
    access: 'session',
    status: 204,
    errors: ['unauthenticated', 'not_found'],
  },
  {
    name: 'revokeOtherSessions',
    method: 'post',
    path: '/me/sessions/revoke-others',
    summary: 'Sign out everywhere else',
    access: 'session',
    response: revokedSchema,
    status: 200,
    errors: sessionErrors,
  },
  {
    name: 'changePassword',
    method: 'post',
    path: '/me/password',
    summary: 'Change the password; other sessions end',
    access: 'session',
    body: changePasswordRequestSchema,
    status: 204,
    errors: [...reauthErrors, 'invalid_request', 'invalid_credentials', 'password_policy', 'rate_limited', 'conflict'],
  },
  {
    name: 'passwordPolicy',
    method: 'get',
    path: '/password-policy',
    summary: 'The password rules, for live hints',
    access: 'public',
    response: passwordPolicySchema,
    status: 200,
    errors: [],
  },
  {
    name: 'orgPolicy',
    method: 'get',
    path: '/org/policy',
    summary: 'The organization policy',
    access: 'org',
    response: orgPolicySchema,
    status: 200,
    errors: orgErrors,
  },
  {
    name: 'setOrgPolicy',
    method: 'put',
    path: '/org/policy',
    summary: 'Enforce MFA for every user, or stop',
    access: 'org',
    body: setOrgPolicyRequestSchema,
    response: orgPolicySchema,
    status: 200,
    errors: [...orgErrors, 'reauth_required', 'invalid_request', 'conflict'],
  },
  {
    name: 'orgUsers',
    method: 'get',
    path: '/org/users',
    summary: 'The organization users, by username',
    access: 'org',
    query: orgUsersQuerySchema,
    response: orgUsersPageSchema,
    status: 200,
    errors: [...orgErrors, 'invalid_request'],
  },
  {
    name: 'orgMfaSummary',
    method: 'get',
    path: '/org/mfa-summary',
    summary: 'How many members have a passkey, the app only, or no second factor',
    access: 'org',
    response: orgMfaSummarySchema,
    status: 200,
    errors: orgErrors,
  },
  {
    name: 'createUser',
    method: 'post',
    path: '/org/users',
    summary: 'Create a subuser',
    access: 'org',
    body: createUserRequestSchema,
    response: orgUserSchema,
    status: 201,
    errors: [...orgErrors, 'reauth_required', 'invalid_request', 'password_policy', 'conflict'],
  },
  {
    name: 'importUsers',
    method: 'post',
    path: '/org/users/import',
    summary: 'Import up to 1,000 users with their password hashes, all or none',
    access: 'org',
    body: importUsersRequestSchema,
    response: importUsersResponseSchema,
    status: 201,
    errors: [...orgErrors, 'reauth_required', 'invalid_request', 'conflict'],
    maxBodyBytes: 2 * 1024 * 1024,
  },
  {
    name: 'deleteUser',
    method: 'delete',
    path: '/org/users/{id}',
    summary: 'Delete a subuser and end its sessions',
    access: 'org',
    status: 204,
    errors: [...orgErrors, 'reauth_required', 'not_found', 'conflict'],
  },
  {
    name: 'resetUserMfa',
    method: 'post',
    path: '/org/users/{id}/mfa/reset',
    summary: "Reset a subuser's MFA and end its sessions",
    access: 'org',
    response: orgUserSchema,
    status: 200,
    errors: [...orgErrors, 'reauth_required', 'not_found', 'conflict'],
  },
  {
    name: 'revokeUserSessions',
    method: 'post',
    path: '/org/users/{id}/sessions/revoke',
    summary: 'End every session of a subuser',
    access: 'org',
    response: revokedSchema,
    status: 200,
    errors: [...orgErrors, 'reauth_required', 'not_found', 'conflict'],
  },
  {
    name: 'orgEvents',
    method: 'get',
    path: '/org/events',
    summary: 'Security events, newest first',
    access: 'org',
    query: orgEventsQuerySchema,
    response: orgEventsPageSchema,
    status: 200,
    errors: [...orgErrors, 'invalid_request'],
  },
  {
    name: 'apiKeys',
    method: 'get',
    path: '/org/api-keys',
    summary: "The organization's API keys (never the keys themselves)",
    access: 'org',
    response: apiKeysSchema,
    status: 200,
    errors: orgErrors,
  },
  {
    name: 'createApiKey',
    method: 'post',
    path: '/org/api-keys',
    summary: 'Create an API key for the admin API; the answer shows it once',
    access: 'root',
    body: createApiKeyRequestSchema,
    response: createdApiKeySchema,
    status: 201,
    errors: [...rootErrors, 'reauth_required', 'invalid_request'],
  },
  {
    name: 'revokeApiKey',
    method: 'delete',
    path: '/org/api-keys/{id}',
    summary: 'Revoke an API key: it answers 401 from now on, on every instance',
    access: 'org',
    status: 204,
    errors: [...orgErrors, 'reauth_required', 'not_found'],
  },
  {
    name: 'webhooks',
    method: 'get',
    path: '/org/webhooks',
    summary: "The organization's webhook endpoints (never their secrets)",
    access: 'org',
    response: webhooksSchema,
    status: 200,
    errors: orgErrors,
  },
  {
    name: 'createWebhook',
    method: 'post',
    path: '/org/webhooks',
    summary: 'Add a webhook endpoint; the answer shows its signing secret once',
    access: 'org',
    body: createWebhookRequestSchema,
    response: webhookWithSecretSchema,
    status: 201,
    errors: [...orgErrors, 'reauth_required', 'invalid_request'],
  },
  {
    name: 'updateWebhook',
    method: 'patch',
    path: '/org/webhooks/{id}',
    summary: "Change an endpoint's URL, events or description, or turn it on or off",
    access: 'org',
    body: updateWebhookRequestSchema,
    response: webhookSchema,
    status: 200,
    errors: [...orgErrors, 'reauth_required', 'invalid_request', 'not_found'],
  },
  {
    name: 'deleteWebhook',
    method: 'delete',
    path: '/org/webhooks/{id}',
    summary: 'Remove an endpoint and its pending deliveries',
    access: 'org',
    status: 204,
    errors: [...orgErrors, 'reauth_required', 'not_found'],
  },
  {
    name: 'rotateWebhookSecret',
    method: 'post',
    path: '/org/webhooks/{id}/rotate-secret',
    summary: 'A new signing secret, shown once; the old one signs too for 24 hours',
    access: 'org',
    response: webhookWithSecretSchema,
    status: 200,
    errors: [...orgErrors, 'reauth_required', 'not_found'],
  },
  {
    name: 'testWebhook',
    method: 'post',
    path: '/org/webhooks/{id}/test',
    summary: 'Send a webhook.test event to the endpoint',
    access: 'org',
    response: webhookDeliverySchema,
    status: 200,
    errors: [...orgErrors, 'not_found', 'conflict'],
  },
  {
    name: 'webhookDeliveries',
    method: 'get',
    path: '/org/webhooks/{id}/deliveries',
    summary: "An endpoint's recent deliveries, newest first, with their attempts",
    access: 'org',
    response: webhookDeliveriesSchema,
    status: 200,
    errors: [...orgErrors, 'not_found'],
  },
  {
    name: 'retryWebhookDelivery',
    method: 'post',
    path: '/org/webhooks/{id}/deliveries/{deliveryId}/retry',
    summary: 'Try a delivery again now (a failed one is queued again)',
    access: 'org',
    response: webhookDeliverySchema,
    status: 200,
    errors: [...orgErrors, 'not_found', 'conflict'],
  },
  {
    name: 'openApi',
    method: 'get',
    path: '/openapi.json',
    summary: 'This contract as OpenAPI 3.1',
    access: 'public',
    status: 200,
    errors: [],
  },
  {
    name: 'jwks',
    method: 'get',
    path: '/.well-known/jwks.json',
    atRoot: true,
    summary: 'The public keys that verify tokens (a JWKS)',
    access: 'public',
    response: jwksSchema,
    status: 200,
    errors: [],
  },
  {
    name: 'health',
    method: 'get',
    path: '/health',
    summary: 'Whether this instance can reach its database (for load balancers)',
    access: 'public',
    response: healthSchema,
    status: 200,
    errors: ['unavailable'],
  },
] as const satisfies readonly (RouteSpec & { readonly name: string })[];

type Route = (typeof routes)[number];

/** The name of an endpoint of the contract. */
export type EndpointName = Route['name'];

/** The endpoint of each name: what the server mounts a handler on and the client calls. */
export type Endpoints = { readonly [R in Route as R['name']]: R };

/** The same entries by name. */
export const endpoints = Object.fromEntries(routes.map((route) => [route.name, route])) as Endpoints;
