import { PortcullisConfirmDialog } from './portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { LoginForm } from './login-form/login-form.ts';
import { MfaReset } from './mfa-reset/mfa-reset.ts';
import { MfaToggle } from './mfa-toggle/mfa-toggle.ts';
import { OrgPolicyTable } from './org-policy-table/org-policy-table.ts';
import { OrgApiKeys } from './org-api-keys/org-api-keys.ts';
import { WebhookList } from './webhook-list/webhook-list.ts';
import { PasswordChange } from './password-change/password-change.ts';
import { PortcullisProvider } from './portcullis-provider/portcullis-provider.ts';
import { ProfileSettings } from './profile-settings/profile-settings.ts';
import { SessionList } from './session-list/session-list.ts';
import { PasskeyList } from './passkey-list/passkey-list.ts';
import { PortcullisReauthDialog } from './portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
import { PortcullisSignedIn } from './portcullis-signed-in/portcullis-signed-in.ts';
import { PortcullisSignedOut } from './portcullis-signed-out/portcullis-signed-out.ts';

/**
 * The naming rule: feature elements, which people place and know, have short names and take a
 * prefix when the host needs one (`acme-mfa-toggle`); infrastructure that the elements place
 * themselves (the provider, the gates, the dialogs) is `portcullis-*` and never prefixed. Each
 * element's folder is named after its tag.
 */
export const featureTags = {
  'login-form': LoginForm,
  'mfa-toggle': MfaToggle,
  'mfa-reset': MfaReset,
  'password-change': PasswordChange,
  'session-list': SessionList,
  'passkey-list': PasskeyList,
  'org-policy-table': OrgPolicyTable,
  'org-api-keys': OrgApiKeys,
  'webhook-list': WebhookList,
  'profile-settings': ProfileSettings,
} as const;

export const infrastructureTags = {
  'portcullis-provider': PortcullisProvider,
  'portcullis-signed-in': PortcullisSignedIn,
  'portcullis-signed-out': PortcullisSignedOut,
  'portcullis-confirm-dialog': PortcullisConfirmDialog,
  'portcullis-reauth-dialog': PortcullisReauthDialog,
} as const;

/** Every tag by its default name. */
export const tags = { ...infrastructureTags, ...featureTags } as const;

/** How to register the elements. */
export interface DefineOptions {
  /** Registers the feature elements as `<prefix>-<name>` (`acme` → `<acme-mfa-toggle>`), for a host that uses a short name itself. */
  prefix?: string;
  registry?: CustomElementRegistry;
}

/** An element class, with the elements it renders (its `static dependencies`, by default tag). */
type ElementClass = CustomElementConstructor & { dependencies?: Readonly<Record<string, ElementClass>> };

/** Registers elements and, walking their `static dependencies`, every element they render. */
function registrar(options: DefineOptions | CustomElementRegistry) {
  const { prefix, registry = customElements } =
    options instanceof CustomElementRegistry ? { registry: options } : options;
  if (prefix !== undefined && !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(prefix))
    throw new Error(`defineElements: "${prefix}" is not a tag prefix such as "acme"`);
  // Feature elements take the prefix; infrastructure keeps its portcullis-* name (the naming rule above).
  const nameOf = (tag: string) => (prefix && tag in featureTags ? `${prefix}-${tag}` : tag);
  const define = (tag: string, constructor: ElementClass): void => {
    if (!registry.get(nameOf(tag)) && registry.getName(constructor) === null) registry.define(nameOf(tag), constructor);
    for (const [inner, dependency] of Object.entries(constructor.dependencies ?? {})) define(inner, dependency);
  };
  return define;
}

/**
 * Defines every element not defined yet; safe to call more than once. Call it before the
 * elements are used, with a prefix where the host page has an element of the same name. (A
 * class can be registered once: the first call decides its name.)
 */
export function defineElements(options: DefineOptions | CustomElementRegistry = {}): void {
  const define = registrar(options);
  for (const [tag, constructor] of Object.entries(tags)) define(tag, constructor);
}

/**
 * Defines one element and the elements it renders (its dialogs; for `<profile-settings>` the
 * feature elements inside), for a page that uses only that one.
 */
export function defineElement(tag: keyof typeof tags, options: DefineOptions | CustomElementRegistry = {}): void {
  registrar(options)(tag, tags[tag]);
}
