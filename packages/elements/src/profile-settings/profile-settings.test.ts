import { expect, html, oneEvent } from '@open-wc/testing';
import '../define.ts';
import { openDialog, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import type { ProfileSettings } from './profile-settings.ts';

const inner = (el: HTMLElement, tag: string) => el.shadowRoot!.querySelector<HTMLElement>(tag);

describe('<profile-settings>', () => {
  it('for root: the MFA switch and reset, the password change and the organization policies', async () => {
    const server = await inPageServer();
    const el = await render<ProfileSettings>(
      html`<profile-settings .client=${await server.client('root-user')}></profile-settings>`,
    );
    await until(
      () => Boolean(inner(el, 'org-policy-table')?.shadowRoot?.querySelector('table tbody tr')),
      5000,
      'the users table',
    );
    expect(part(el, 'heading').textContent).to.equal('Profile settings');
    for (const tag of ['mfa-toggle', 'mfa-reset', 'password-change', 'session-list', 'org-policy-table'])
      expect(inner(el, tag), tag).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('for a subuser: no organization section', async () => {
    const server = await inPageServer();
    const el = await render<ProfileSettings>(
      html`<profile-settings .client=${await server.client('alice')}></profile-settings>`,
    );
    await until(() => inner(el, 'mfa-toggle') !== null, 3000, 'the page');
    expect(inner(el, 'org-policy-table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("a change in one part reaches the others: enforcing MFA locks the root user's own switch", async () => {
    const server = await inPageServer();
    const el = await render<ProfileSettings>(
      html`<profile-settings .client=${await server.client('root-user')}></profile-settings>`,
    );
    await until(
      () => Boolean(inner(el, 'org-policy-table')?.shadowRoot?.querySelector('[part=enforce]')),
      5000,
      'the policy',
    );
    const table = inner(el, 'org-policy-table')!;
    part<HTMLInputElement>(table, 'enforce').click();
    const dialog = await openDialog(table, 'portcullis-confirm-dialog', 2000);
    const changed = oneEvent(el, 'org-policy-change');
    part<HTMLButtonElement>(dialog, 'confirm').click();
    await changed;
    const toggle = inner(el, 'mfa-toggle')!;
    await until(
      () => toggle.shadowRoot!.querySelector('[part=switch]')?.getAttribute('aria-disabled') === 'true',
      3000,
      'the locked switch',
    );
    expect(part(toggle, 'hint').textContent).to.contain('organization requires MFA');
    await settle(el);
  });
});
