/**
 * Every visible string of the elements, in English. Replace any of them through the provider's
 * or an element's `messages` property; `{name}` marks a value filled in at run time.
 */
const strings = {
  // Shared
  cancel: 'Cancel',
  close: 'Close',
  working: 'Working…',
  loading: 'Loading…',
  retry: 'Try again',
  // Errors, keyed by the PortcullisError code
  'error.invalid_request': 'Check the highlighted fields.',
  'error.invalid_credentials': 'Wrong username or password.',
  'error.invalid_code': 'That code did not work. Check your authenticator app and try again.',
  'error.challenge_expired': 'The sign-in took too long or had too many wrong codes. Start again.',
  'error.rate_limited': 'Too many attempts. Wait {seconds} seconds, then try again.',
  'error.unauthenticated': 'Your session has ended. Sign in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.reauth_required': 'Confirm your identity to continue.',
  'error.mfa_enforced': 'Your organization requires MFA for every user.',
  'error.password_policy': 'The new password does not meet the password policy.',
  'error.not_found': 'Not found. It may have been deleted.',
  'error.conflict': 'This conflicts with the current state. Reload and try again.',
  'error.payload_too_large': 'That is more text than the server accepts.',
  'error.unavailable': 'The service is briefly unavailable. Nothing was changed. Try again in a few seconds.',
  'error.internal_error': 'Something went wrong on the server. Nothing was changed. Try again later.',
  'error.invalid_token': 'Your sign-in could not be confirmed. Sign in again.',
  'error.network': 'The server could not be reached. Check your connection.',
  'error.timeout': 'The server took too long to answer. Try again.',
  'error.invalid_response': 'The server gave an unexpected answer.',
  'error.mfa_setup_required':
    'Set up your authenticator app first ("Set up now" under multi-factor authentication), then try again.',
  'error.passkey_cancelled': 'The passkey prompt was closed. Try again, or choose another way.',
  'error.passkey_timeout': 'The passkey prompt timed out. Try again.',
  'error.passkey_unavailable': 'Passkeys do not work in this browser or on this address. Choose another way.',
  'error.passkey_rejected': 'That passkey was not accepted. Try another one, or choose another way.',
  // Password rules, keyed by the field error code
  'rule.too_short': 'Use at least {min} characters.',
  'rule.too_long': 'Use at most {max} characters.',
  'rule.common': 'This is one of the most common passwords. Choose another.',
  'rule.breached': 'This password appears in a known data breach. Choose another.',
  'rule.contains_username': 'The password must not contain your username.',
  // <login-form>
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.codeTitle': 'Two-step verification',
  'login.codeHelp': 'Enter the 6-digit code from your authenticator app.',
  'login.code': 'Authentication code',
  'login.verify': 'Verify',
  'login.useRecovery': 'Use a recovery code instead',
  'login.recoveryHelp': 'Enter one of the recovery codes you saved. Each works once.',
  'login.recovery': 'Recovery code',
  'login.useCode': 'Use an authenticator code instead',
  'login.startOver': 'Start again',
  'login.enrollTitle': 'Set up your authenticator app',
  'login.enrollHelp':
    'Scan the QR code with an authenticator app, or type the setup key into it. Then enter the 6-digit code the app shows.',
  'login.qrLabel': 'QR code to add {account} to an authenticator app',
  'login.secret': 'Setup key',
  'login.copySecret': 'Copy key',
  'login.copied': 'Copied',
  'login.recoveryTitle': 'Save your recovery codes',
  'login.recoveryCodesHelp':
    'If you lose your authenticator app, each code signs you in once. They are shown only now.',
  'login.copyCodes': 'Copy codes',
  'login.downloadCodes': 'Download codes',
  'login.savedCodes': 'I have saved my recovery codes',
  'login.continue': 'Continue',
  'login.passkey': 'Sign in with a passkey',
  'login.usePasskey': 'Use a passkey',
  'login.passkeyHelp': 'Confirm with one of your passkeys, or enter a code.',
  'login.enrollPasskey': 'Use a passkey instead',
  'login.passkeySetupTitle': 'Create a passkey',
  'login.passkeySetupHelp':
    "Your organization accepts only passkeys. Create one with this device's screen lock or a security key to finish signing in.",
  'login.passkeySetupButton': 'Create a passkey',
  'login.passkeyUnsupported':
    'Your organization accepts only passkeys, and this browser cannot create one. Sign in from a browser that can.',
  'login.enrollPasskeyHelp': "Or create a passkey with this device's screen lock or a security key: no app needed.",
  // <mfa-toggle>
  'mfa.label': 'Multi-factor authentication (MFA)',
  'mfa.on': 'On',
  'mfa.off': 'Off',
  'mfa.hintOff': 'Turn on to be asked for a code from an authenticator app at every sign-in.',
  'mfa.hintPending': 'Set up your authenticator app now, or at your next sign-in.',
  'mfa.hintOn': 'Every sign-in asks for a code from your authenticator app.',
  'mfa.hintOnPasskey': 'Every sign-in asks for one of your passkeys.',
  'mfa.locked': 'Your organization requires MFA for every user, so it cannot be turned off.',
  'mfa.lockedPending':
    'Your organization requires MFA for every user. Set up your authenticator app now, or at your next sign-in.',
  'mfa.setupNow': 'Set up now',
  'mfa.reminder': 'Your organization requires a second factor from {date} — {when}. Set it up now.',
  'mfa.reminderUrgent': 'Set up a second factor now: from {date} ({when}) you cannot sign in without one.',
  'mfa.passkeyPrompt':
    'Your organization accepts only passkeys: add a passkey (under Passkeys) instead of an authenticator app.',
  'mfa.setupFinish': 'Done',
  'mfa.setupDone': 'Your authenticator app is set up. Every sign-in now asks for a code from it.',
  'mfa.confirmOffTitle': 'Turn off MFA?',
  'mfa.confirmOffBody':
    'Signing in will need only your password. Your authenticator app, passkeys and recovery codes will be unlinked.',
  'mfa.confirmOff': 'Turn off MFA',
  'mfa.turnedOn': 'MFA is on. Set up your authenticator app now, or at your next sign-in.',
  'mfa.turnedOff': 'MFA is off.',
  // <mfa-reset>
  'reset.title': 'Reset MFA for this account',
  'reset.help':
    'Unlinks your authenticator app and recovery codes, to link a new device. Confirm with a code from the app, or with a recovery code if you lost the device.',
  'reset.nothingLinked': 'No authenticator app is linked.',
  'reset.button': 'Reset MFA',
  'reset.confirmTitle': 'Reset MFA?',
  'reset.confirmBody':
    'Your current authenticator app and recovery codes stop working now. You then scan a new QR code, now or at your next sign-in.',
  'reset.done':
    'MFA was reset. Scan the new QR code with your authenticator app: choose "Set up now", or do it at your next sign-in.',
  'reset.codesLeft': 'You have {count} unused recovery codes.',
  'reset.newCodes': 'Get new recovery codes',
  'reset.newCodesTitle': 'Replace your recovery codes?',
  'reset.newCodesBody': 'Your current recovery codes stop working.',
  'reset.newCodesConfirm': 'Replace codes',
  'reset.newCodesDone': 'Here are your new recovery codes. Save them now: they are shown only once.',
  // <password-change>
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.submit': 'Change password',
  'password.hintLength': 'At least {min} characters',
  'password.hintCommon': 'Not a common password and not containing your username',
  'password.mismatch': 'The passwords do not match.',
  'password.done': 'Your password was changed. You were signed out on every other device.',
  // <org-policy-table>
  'org.title': 'Organization policies',
  'org.enforce': 'Enforce MFA policy to all users in your organization',
  'org.enforceTitle': 'Enforce MFA for everyone?',
  'org.enforceBody':
    'Every user, including you as the root user, must set up MFA and can no longer turn it off. Everyone signed in without MFA is signed out now; this session of yours stays.',
  'org.enforceConfirm': 'Enforce MFA',
  'org.liftTitle': 'Stop enforcing MFA?',
  'org.liftBody': 'Each user keeps their own MFA setting. Users who have it off will sign in with a password only.',
  'org.liftConfirm': 'Stop enforcing',
  'org.enforced': 'MFA is now enforced for every user. Those signed in without MFA were signed out.',
  'org.lifted': 'MFA is no longer enforced.',
  'org.users': 'Users',
  'org.search': 'Search users',
  'org.username': 'Username',
  'org.mfa': 'MFA',
  'org.lastActive': 'Last activity',
  'org.actions': 'Actions',
  'org.mfaOff': 'Off',
  'org.mfaPending': 'On, not set up',
  'org.mfaOn': 'On, set up',
  'org.never': 'Never',
  'org.root': 'root user',
  'org.resetButton': 'Reset MFA',
  'org.resetLabel': 'Reset MFA for {username}',
  'org.resetTitle': 'Reset MFA for {username}?',
  'org.resetBody': '{username} is signed out everywhere and links a new device at the next sign-in.',
  'org.resetDone': 'MFA was reset for {username}.',
  'org.signOutButton': 'Sign out everywhere',
  'org.signOutLabel': 'Sign out everywhere: {username}',
  'org.signOutTitle': 'Sign {username} out everywhere?',
  'org.signOutBody':
    'Every session of {username} ends now. They can sign in again with their password and second factor.',
  'org.signedOut': '{username} was signed out everywhere ({count}).',
  'org.previous': 'Previous page',
  'org.next': 'Next page',
  'org.page': 'Page {page}',
  'org.empty': 'No users match.',
  'org.count': '{count} users shown',
  'org.subuserNote': "These settings belong to your organization's root user.",
  'org.summary': '{count} of {members} members have no second factor.',
  'org.onlyWithout': 'Show only members without a second factor',
  'org.deadline': 'Deadline for members without a second factor',
  'org.deadlineHint':
    'Until then they sign in with their password and are reminded. Leave it empty to ask them at their next sign-in.',
  'org.deadlineSave': 'Save deadline',
  'org.deadlineRange': 'Choose a date from tomorrow to one year ahead.',
  'org.noDeadlineTitle': 'Enforce MFA at once?',
  'org.enforceDeadlineBody':
    'Everyone in your organization, including you as the root user, needs a second factor. Members without one are reminded until {date} and set it up at their first sign-in from then on. Nobody is signed out now.',
  'org.enforcedWithDeadline': 'MFA is now enforced. Members without a second factor have until {date}.',
  'org.requiredFrom': 'A second factor is required from {date}.',
  'org.requiredSince': 'A second factor has been required since {date}.',
  // <session-list>
  'org.passkeysOnly': 'Passkeys only (phishing-resistant)',
  'org.passkeysOnlyHint':
    'Only passkeys count as the second factor, from the deadline if there is one. App codes and recovery codes then only let someone create a passkey.',
  'org.passkeysOnlyTitle': 'Accept only passkeys?',
  'org.passkeysOnlyBody':
    'Members without a passkey are signed out now and must create one at their next sign-in, after proving themselves with their app or a recovery code. This applies to you too.',
  'org.passkeysOnlyDeadlineBody':
    'From {date}, members without a passkey must create one at their next sign-in, after proving themselves with their app or a recovery code. Until then nothing changes for them.',
  'org.passkeysOnlyConfirm': 'Accept only passkeys',
  'org.passkeysOnlyOffTitle': 'Accept authenticator apps again?',
  'org.passkeysOnlyOffBody': 'Codes from an authenticator app count as a second factor again.',
  'org.passkeysOnlyOffConfirm': 'Accept apps again',
  'org.passkeysOnlyOn': 'Only passkeys count as a second factor now.',
  'org.passkeysOnlyOff': 'Authenticator apps count as a second factor again.',
  'org.passkeysOnlyNeedsRootKey': 'Add a passkey to your own account first (under Passkeys), so you can still sign in.',
  'sessions.title': 'Where you are signed in',
  'sessions.rule': 'Sessions end after {duration} without activity.',
  'sessions.device': '{browser} on {os}',
  'sessions.unknownDevice': 'Unknown browser',
  'sessions.thisDevice': 'This device',
  'sessions.lastActive': 'Active {when}',
  'sessions.address': 'from {address}',
  'sessions.signOut': 'Sign out',
  'sessions.signOutLabel': 'Sign out {device}, active {when}',
  'sessions.signOutOthers': 'Sign out everywhere else',
  'sessions.noOthers': 'You are not signed in anywhere else.',
  'sessions.signedOut': '{device} was signed out.',
  'sessions.signedOutOthers': 'Signed out everywhere else ({count}).',
  // <passkey-list>
  'passkeys.title': 'Passkeys',
  'passkeys.help':
    'Sign in with your fingerprint, face, screen lock or a security key, with no password or code. Passkeys cannot be phished.',
  'passkeys.empty': 'You have no passkeys yet.',
  'passkeys.unsupported': 'This browser cannot use passkeys.',
  'passkeys.add': 'Add a passkey',
  'passkeys.defaultName': 'Passkey',
  'passkeys.created': 'Added {when}',
  'passkeys.lastUsed': 'last used {when}',
  'passkeys.neverUsed': 'not used yet',
  'passkeys.name': 'Name',
  'passkeys.rename': 'Rename',
  'passkeys.renameLabel': 'Rename {name}',
  'passkeys.save': 'Save',
  'passkeys.remove': 'Remove',
  'passkeys.removeLabel': 'Remove {name}',
  'passkeys.removeTitle': 'Remove {name}?',
  'passkeys.removeBody': '{name} will no longer sign you in.',
  'passkeys.removeLastBody': '{name} is your last second factor: removing it turns MFA off.',
  'passkeys.added': '{name} was added.',
  'passkeys.addedFirst':
    '{name} was added: MFA is on. Save these recovery codes now: each signs you in once if you lose your passkey, and they are shown only now.',
  'passkeys.renamed': 'Renamed to {name}.',
  'passkeys.removed': '{name} was removed.',
  // <org-api-keys>
  'apiKeys.title': 'API keys',
  'apiKeys.help':
    "Keys let your organization's own systems manage users, the policy and the audit log through the admin API. Each key is shown once, when it is created.",
  'apiKeys.name': 'Key name',
  'apiKeys.create': 'Create key',
  'apiKeys.createdStatus': 'The key {name} was created.',
  'apiKeys.empty': 'No API keys yet.',
  'apiKeys.createdAt': 'Created {when}',
  'apiKeys.lastUsed': 'last used {when}',
  'apiKeys.neverUsed': 'not used yet',
  'apiKeys.expires': 'expires {when}',
  'apiKeys.expired': 'expired {when}',
  'apiKeys.revoke': 'Revoke',
  'apiKeys.revokeLabel': 'Revoke the key {name}',
  'apiKeys.revokeTitle': 'Revoke the key {name}?',
  'apiKeys.revokeBody': 'Every system that uses {name} is refused from its next request on.',
  'apiKeys.revoked': 'The key {name} was revoked.',
  'apiKeys.dialogTitle': 'Copy the key {name} now',
  'apiKeys.dialogHelp':
    'Store it in your secret manager. It is shown only now: Portcullis keeps only a hash of it and cannot show it again.',
  'apiKeys.copy': 'Copy key',
  'apiKeys.copied': 'Copied',
  'apiKeys.done': 'I stored it',
  // <profile-settings>
  'profile.title': 'Profile settings',
  'profile.security': 'Sign-in security',
  'profile.signedInAs': 'Signed in as {username}',
  'profile.signOut': 'Sign out',
  // re-authentication dialog
  'reauth.title': 'Confirm it is you',
  'reauth.help': 'This change needs your password.',
  'reauth.helpCode': 'This change needs your password and a code from your authenticator app.',
  'reauth.helpRecovery': 'Lost your device? Enter your password and one of your recovery codes. Each works once.',
  'reauth.useRecovery': 'Use a recovery code',
  'reauth.password': 'Password',
  'reauth.confirm': 'Confirm',
  'reauth.usePasskey': 'Use a passkey',
};

/** The message keys; a translation must provide every one of them. */
export type MessageKey = keyof typeof strings;

/** The messages whose text depends on `{count}`. */
export const pluralKeys = ['reset.codesLeft', 'org.count', 'org.summary'] as const;

/**
 * Optional texts per plural form (`Intl.PluralRules`: zero, one, two, few, many, other) of the
 * messages that count: `'reset.codesLeft#one'`. The plain key is the fallback, so a locale with
 * one form for every number needs none of them; Arabic gives all six.
 */
export type PluralForms = Partial<Record<`${(typeof pluralKeys)[number]}#${Intl.LDMLPluralRule}`, string>>;

/** A locale: every key, and plural forms where the language needs them. */
export type Messages = Record<MessageKey, string> & PluralForms;

export const en: Messages = {
  ...strings,
  'reset.codesLeft#one': 'You have 1 unused recovery code.',
  'org.count#one': '1 user shown',
  'org.summary#one': '1 of {members} members has no second factor.',
};
