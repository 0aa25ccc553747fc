import { unsafeStatic, type StaticValue } from 'lit/static-html.js';

/**
 * The tag an element class is registered under, for the templates of composite elements: with
 * `defineElements({ prefix: 'acme' })` that is `acme-mfa-toggle`, so `<profile-settings>`
 * renders the host's prefixed elements, never a host element that took the short name.
 */
export function tagOf(element: CustomElementConstructor, name: string): StaticValue {
  return unsafeStatic(customElements.getName(element) ?? name);
}
