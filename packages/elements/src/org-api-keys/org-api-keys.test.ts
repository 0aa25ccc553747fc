import { expect, html, oneEvent } from '@open-wc/testing';
import { createClient, isPortcullisError } from '@portcullis/sdk';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { de } from '../locales/de.ts';
import { registerLocale } from '../portcullis-provider/portcullis-provider.ts';
import type { ApiKeysChangeEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until, whenAnnounced } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import type { OrgApiKeys } from './org-api-keys.ts';
import type { OrgPolicyTable } from '../org-policy-table/org-policy-table.ts';

const names = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('[part=row] .name')].map((n) => n.textContent!.trim());
const keyDialog = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLDialogElement>('#key-dialog')!;

describe('<org-api-keys>', () => {
  it('creates a key by keyboard and shows it once in a dialog; the key works on the admin API', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const el = await render<OrgApiKeys>(html`<org-api-keys .client=${root}></org-api-keys>`);
    expect(el.shadowRoot!.textContent).to.contain('No API keys yet.');
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'name-input').focus();
    await sendKeys({ type: 'HR sync' });
    const changed = oneEvent(el, 'api-keys-change') as Promise<ApiKeysChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.detail.action).to.equal('created');
    expect(JSON.stringify(event.detail)).not.to.contain('pcl_', 'the event never carries the key');
    await until(() => keyDialog(el).open, 3000, 'the key dialog');
    const key = part(el, 'key').textContent!.trim();
    expect(key).to.match(/^pcl_[A-Za-z0-9_-]{43}$/);
    expect(part(el, 'key').getAttribute('dir')).to.equal('ltr');
    expectFocusOn(part(el, 'copy'));
    expect(keyDialog(el).textContent).to.contain('It is shown only now');
    await expect(el).to.be.accessible();

    const admin = createClient({ baseUrl: '/api/v1', tokenType: 'bearer', token: key, retry: 0 });
    expect((await admin.org.users()).items.map((u) => u.username)).to.deep.equal(['alice', 'bob', 'root-user']);

    await sendKeys({ press: 'Escape' });
    await until(() => !keyDialog(el).open, 3000, 'the dialog to close');
    await settle(el);
    expect(el.shadowRoot!.textContent).not.to.contain(key, 'gone from the page once closed');
    expect(names(el)).to.deep.equal(['HR sync']);
    expect(part(el, 'status').textContent).to.equal('The key HR sync was created.');
    expect(el.shadowRoot!.querySelector('[part=row] .details')!.textContent).to.contain('not used yet');
  });

  it('revokes a key after confirmation: it answers 401 at once', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const made = await root.org.createApiKey({ name: 'Deploy' });
    server.clock.advance(1000);
    await root.org.createApiKey({ name: 'Backup' });
    const el = await render<OrgApiKeys>(html`<org-api-keys .client=${root}></org-api-keys>`);
    expect(names(el)).to.deep.equal(['Deploy', 'Backup']);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=revoke]')!;
    expect(button.getAttribute('aria-label')).to.equal('Revoke the key Deploy');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(el, 'portcullis-confirm-dialog');
    expect(dialog.shadowRoot!.textContent).to.contain('Every system that uses Deploy is refused');
    const changed = oneEvent(el, 'api-keys-change') as Promise<ApiKeysChangeEvent>;
    const shown = whenAnnounced(el, 'The key Deploy was revoked.', () => names(el));
    part<HTMLButtonElement>(dialog, 'confirm').click();
    expect((await changed).detail).to.include({ action: 'revoked' });
    expect(await shown).to.deep.equal(['Backup'], 'the list shows it gone when the result is read out');
    await settle(el);
    expectFocusOn(part(el, 'status'));
    const admin = createClient({ baseUrl: '/api/v1', tokenType: 'bearer', token: made.key, retry: 0 });
    let refused = false;
    await admin.org.users().catch((error) => (refused = isPortcullisError(error, 'unauthenticated')));
    expect(refused).to.equal(true);
  });

  it('<org-policy-table> shows the keys to the root user, in German too', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    await root.org.createApiKey({ name: 'SIEM' });
    registerLocale('de', de);
    const wrapper = await render<HTMLElement>(
      html`<portcullis-provider locale="de" lang="de" .client=${root}><org-policy-table></org-policy-table></portcullis-provider>`,
    );
    const table = wrapper.querySelector<OrgPolicyTable>('org-policy-table')!;
    await until(() => Boolean(table.shadowRoot!.querySelector('org-api-keys')), 5000, 'the keys section');
    const keys = table.shadowRoot!.querySelector<OrgApiKeys>('org-api-keys')!;
    await until(() => names(keys).length === 1, 5000, 'the key');
    expect(part(keys, 'heading').textContent).to.equal('API-Schlüssel');
    expect(part(keys, 'revoke').textContent!.trim()).to.equal('Widerrufen');
    await expect(keys).to.be.accessible();
  });
});
