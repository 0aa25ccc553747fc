import { expect } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { defineElements } from '../define-elements.ts';
import { MfaToggle } from '../mfa-toggle/mfa-toggle.ts';
import { OrgPolicyTable } from '../org-policy-table/org-policy-table.ts';
import { render, until } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';

// The host page has its own <mfa-toggle> before ours load (this file never imports define.ts).
class HostToggle extends HTMLElement {}
customElements.define('mfa-toggle', HostToggle);
defineElements({ prefix: 'acme' });

describe('defineElements({ prefix })', () => {
  it("registers the feature elements under the prefix and the composite renders the prefixed ones, not the host's", async () => {
    expect(customElements.get('mfa-toggle')).to.equal(HostToggle, "the host's own element stays");
    expect(customElements.get('acme-mfa-toggle')).to.equal(MfaToggle);
    expect(customElements.get('portcullis-provider'), 'infrastructure keeps its name').to.not.equal(undefined);
    const server = await inPageServer();
    const tag = unsafeStatic('acme-profile-settings');
    const el = await render<HTMLElement>(staticHtml`<${tag} .client=${await server.client('root-user')}></${tag}>`);
    await until(
      () => Boolean(el.shadowRoot?.querySelector('acme-org-policy-table')?.shadowRoot?.querySelector('table tbody tr')),
      5000,
      'the users table',
    );
    expect(el.shadowRoot!.querySelector('mfa-toggle'), 'no host element inside ours').to.equal(null);
    expect(el.shadowRoot!.querySelector('acme-mfa-toggle')).to.be.instanceOf(MfaToggle);
    expect(el.shadowRoot!.querySelector('acme-org-policy-table')).to.be.instanceOf(OrgPolicyTable);
    expect(el.shadowRoot!.querySelector('acme-mfa-toggle')!.shadowRoot!.querySelector('[role=switch]')).to.not.equal(
      null,
      'and it works',
    );
  });

  it('refuses a prefix that cannot start a tag name, and a second call changes nothing', () => {
    expect(() => defineElements({ prefix: 'Acme Corp' })).to.throw(/not a tag prefix/);
    defineElements({ prefix: 'other' });
    expect(customElements.get('other-mfa-toggle')).to.equal(undefined, 'a class is registered once');
  });
});
