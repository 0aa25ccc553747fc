import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { de } from '../locales/de.ts';
import { registerLocale, type PortcullisProvider } from '../portcullis-provider/portcullis-provider.ts';
import type { PasskeysChangeEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until, whenAnnounced } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticators } from '../../test/virtual-authenticator.ts';
import type { PasskeyList } from './passkey-list.ts';

const rows = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[part=row]')];
const nameOf = (row: Element) => row.querySelector('[part=name]')!.textContent;

async function confirmIn(el: HTMLElement): Promise<string> {
  const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
  const text = dialog.shadowRoot!.querySelector('dialog')!.textContent!;
  part<HTMLButtonElement>(dialog, 'confirm').click();
  return text;
}

describe('<passkey-list>', () => {
  beforeEach(() => addVirtualAuthenticator());
  afterEach(() => removeVirtualAuthenticators());

  it('"Add a passkey" makes one in the browser, names it after the browser and system, turns MFA on and shows the recovery codes once', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    expect(el.shadowRoot!.textContent).to.contain('You have no passkeys yet.');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'passkeys-change') as Promise<PasskeysChangeEvent>;
    const shown = whenAnnounced(el, 'was added', () => ({
      rows: rows(el).length,
      codes: el.shadowRoot!.querySelectorAll('[part=recovery-codes] li').length,
    }));
    part<HTMLButtonElement>(el, 'add').click();
    const { detail } = await changed;
    expect(detail.action).to.equal('added');
    expect(detail.passkey.name).to.match(/^Chrome( Headless)? on Linux$/);
    expect(await shown).to.deep.equal(
      { rows: 1, codes: 10 },
      'the new row and its codes are on screen when the result is read out',
    );
    expect(nameOf(rows(el)[0]!)).to.equal(detail.passkey.name);
    expect(rows(el)[0]!.textContent).to.contain('not used yet');
    expect(part(el, 'status').textContent).to.contain('was added: MFA is on. Save these recovery codes now');
    expect(el.shadowRoot!.querySelectorAll('[part=recovery-codes] li')).to.have.length(10);
    expectFocusOn(part(el, 'status'));
    const me = await client.me();
    expect(me.mfa).to.include({
      enabled: true,
      configured: true,
      passkeys: 1,
      authenticatorApp: false,
      recoveryCodesLeft: 10,
    });
    await expect(el).to.be.accessible();
  });

  it('renames with the keyboard: the name is selected, Enter saves, Escape cancels, focus comes back to "Rename"', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const added = await client.addPasskey('Laptop');
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    await until(() => rows(el).length === 1, 5000, 'the row');
    const rename = part<HTMLButtonElement>(el, 'rename');
    expect(rename.getAttribute('aria-label')).to.equal('Rename Laptop');
    rename.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expectFocusOn(part(el, 'name-input'));
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expectFocusOn(part(el, 'rename'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ type: 'Work laptop' });
    const changed = oneEvent(el, 'passkeys-change') as Promise<PasskeysChangeEvent>;
    const shown = whenAnnounced(el, 'Renamed to Work laptop.', () => nameOf(rows(el)[0]!));
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.include({ action: 'renamed' });
    expect(await shown).to.equal('Work laptop', 'the list shows the new name when the result is read out');
    await settle(el);
    expect(part(el, 'status').textContent).to.equal('Renamed to Work laptop.');
    expectFocusOn(part(el, 'rename'));
    expect((await client.passkeys())[0]).to.include({ id: added.id, name: 'Work laptop' });
  });

  it('removes one of two after confirmation; the last one says it turns MFA off, and does', async () => {
    const server = await inPageServer();
    const client = await server.client('bob');
    await client.addPasskey('Phone');
    // One authenticator holds one passkey per account: the second comes from another one.
    await removeVirtualAuthenticators();
    await addVirtualAuthenticator();
    await client.addPasskey('Key');
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    await until(() => rows(el).length === 2, 5000, 'the rows');
    rows(el)
      .find((row) => nameOf(row) === 'Phone')!
      .querySelector<HTMLButtonElement>('[part=remove]')!
      .click();
    expect(await confirmIn(el)).to.contain('Phone will no longer sign you in.');
    await until(() => rows(el).length === 1, 5000, 'one row left');
    expect(part(el, 'status').textContent).to.equal('Phone was removed.');
    expect((await client.me()).mfa.enabled).to.equal(true);

    part<HTMLButtonElement>(el, 'remove').click();
    expect(await confirmIn(el)).to.contain('Key is your last second factor: removing it turns MFA off.');
    await until(() => rows(el).length === 0, 5000, 'no rows');
    expect((await client.me()).mfa).to.include({ enabled: false, configured: false, passkeys: 0 });
  });

  it('the same authenticator twice is refused readably; a removal after a while asks to confirm identity, and "Use a passkey" does it', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');
    await client.addPasskey('Laptop');
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    await until(() => rows(el).length === 1, 5000, 'the row');
    part<HTMLButtonElement>(el, 'add').click();
    await until(() => part(el, 'status').textContent !== '', 5000, 'the refusal');
    expect(part(el, 'status').textContent).to.equal('This conflicts with the current state. Reload and try again.');

    server.clock.advance(11 * 60_000);
    part<HTMLButtonElement>(el, 'remove').click();
    await confirmIn(el);
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 5000);
    const usePasskey = part<HTMLButtonElement>(reauth, 'passkey');
    expect(usePasskey.textContent).to.equal('Use a passkey');
    await expect(el).to.be.accessible();
    usePasskey.click();
    await until(() => rows(el).length === 0, 5000, 'the passkey removed');
    expect((await client.me()).mfa).to.include({ enabled: true, authenticatorApp: true, passkeys: 0 });
  });

  it('a prompt the person does not confirm is a readable error, and nothing is added', async () => {
    await removeVirtualAuthenticators();
    await addVirtualAuthenticator({ userVerified: false });
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    part<HTMLButtonElement>(el, 'add').click();
    await until(() => part(el, 'status').textContent !== '', 10_000, 'the error');
    expect(part(el, 'status').className).to.equal('error');
    expect(part(el, 'status').textContent).to.equal('The passkey prompt was closed. Try again, or choose another way.');
    expectFocusOn(part(el, 'status'));
    expect(await client.passkeys()).to.have.length(0);
    expect((await client.me()).mfa.enabled).to.equal(false);
  });

  it('in the reauth dialog, a passkey prompt that fails says so and gives focus back to "Use a passkey"', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.addPasskey('Laptop');
    server.clock.advance(11 * 60_000);
    await removeVirtualAuthenticators();
    await addVirtualAuthenticator({ userVerified: false });
    const el = await render<PasskeyList>(html`<passkey-list .client=${client}></passkey-list>`);
    await until(() => rows(el).length === 1, 5000, 'the row');
    part<HTMLButtonElement>(el, 'remove').click();
    await confirmIn(el);
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 5000);
    part<HTMLButtonElement>(reauth, 'passkey').click();
    await until(() => part(reauth, 'error').textContent !== '', 10_000, 'the error');
    expect(part(reauth, 'error').textContent).to.equal(
      'The passkey prompt was closed. Try again, or choose another way.',
    );
    await settle(reauth);
    expectFocusOn(part(reauth, 'passkey'));
    part<HTMLButtonElement>(reauth, 'cancel').click();
    await settle(el);
    expect(await client.passkeys()).to.have.length(1, 'nothing removed');
  });

  it('speaks German inside a German provider', async () => {
    registerLocale('de', de);
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.addPasskey('Laptop');
    const provider = await render<PortcullisProvider>(
      html`<portcullis-provider locale="de" .client=${client}><passkey-list></passkey-list></portcullis-provider>`,
    );
    const el = provider.querySelector('passkey-list')!;
    await until(() => rows(el).length === 1, 5000, 'the row');
    expect(part(el, 'heading').textContent).to.equal('Passkeys');
    expect(part(el, 'add').textContent).to.equal('Passkey hinzufügen');
    expect(part(el, 'remove').getAttribute('aria-label')).to.equal('Laptop entfernen');
    expect(rows(el)[0]!.textContent).to.contain('noch nicht verwendet');
  });
});
