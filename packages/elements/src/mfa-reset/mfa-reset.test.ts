import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import type { MfaChangeEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import type { MfaReset } from './mfa-reset.ts';

async function confirmIn(el: HTMLElement) {
  const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
  await expect(el).to.be.accessible();
  part<HTMLButtonElement>(dialog, 'confirm').click();
}

describe('<mfa-reset>', () => {
  it('resets after confirmation, says what happens next, and moves focus to the result', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');

    const el = await render<MfaReset>(html`<mfa-reset .client=${client}></mfa-reset>`);
    expect(el.shadowRoot!.textContent).to.contain('You have 10 unused recovery codes.');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'reset').click();
    const changed = oneEvent(el, 'mfa-change') as Promise<MfaChangeEvent>;
    await confirmIn(el);
    const event = await changed;
    expect(event.detail.action).to.equal('reset');
    expect(event.detail.mfa.configured).to.equal(false);
    await settle(el);
    expect(part(el, 'status').textContent).to.contain('Scan the new QR code');
    expectFocusOn(part(el, 'status'));
    expect((await client.me()).mfa).to.include({ enabled: true, configured: false });
    await expect(el).to.be.accessible();
  });

  it('offers new recovery codes where MFA is set up, and shows them once', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('bob');
    const el = await render<MfaReset>(html`<mfa-reset .client=${client}></mfa-reset>`);
    part<HTMLButtonElement>(el, 'renew').click();
    await confirmIn(el);
    await until(() => el.shadowRoot!.querySelector('[part=recovery-codes]') !== null, 3000, 'new codes');
    expect(part(el, 'recovery-codes').querySelectorAll('li')).to.have.length(10);
  });

  it('without an authenticator linked there is nothing to reset or renew, and it says so; accessible in dark mode', async () => {
    const server = await inPageServer();
    const el = await render<MfaReset>(html`<mfa-reset theme="dark" .client=${await server.client('bob')}></mfa-reset>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('[part=renew]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=reset]')).to.equal(null);
    expect(part(el, 'nothing-linked').textContent).to.equal('No authenticator app is linked.');
  });

  it('cancelling changes nothing', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');
    const el = await render<MfaReset>(html`<mfa-reset .client=${client}></mfa-reset>`);
    let fired = false;
    el.addEventListener('mfa-change', () => (fired = true));
    part<HTMLButtonElement>(el, 'reset').focus();
    part<HTMLButtonElement>(el, 'reset').click();
    const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    part<HTMLButtonElement>(dialog, 'cancel').click();
    await settle(el);
    expect(fired).to.equal(false);
    expectFocusOn(part(el, 'reset'));
  });
});

describe('<mfa-reset> after losing the device', () => {
  it('offers "Use a recovery code" in the confirmation, and a recovery code confirms the reset', async () => {
    const server = await inPageServer();
    const { client, recoveryCodes } = await server.enrolled('alice');
    server.clock.advance(11 * 60_000);
    const el = await render<MfaReset>(html`<mfa-reset .client=${client}></mfa-reset>`);
    part<HTMLButtonElement>(el, 'reset').click();
    await confirmIn(el);
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 3000);
    const label = () => part(reauth, 'code').closest('label')!.textContent!;
    expect(label()).to.contain('Authentication code');
    const switchMethod = part<HTMLButtonElement>(reauth, 'switch-method');
    expect(switchMethod.textContent!.trim()).to.equal('Use a recovery code');
    switchMethod.focus();
    await sendKeys({ press: 'Enter' });
    await settle(reauth);
    expect(label()).to.contain('Recovery code');
    expect(part(reauth, 'dialog').textContent).to.contain('Lost your device?');
    expectFocusOn(part(reauth, 'code'));
    await expect(el).to.be.accessible();
    part<HTMLInputElement>(reauth, 'password').value = password;
    part<HTMLInputElement>(reauth, 'code').value = recoveryCodes[0]!;
    const changed = oneEvent(el, 'mfa-change');
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await changed;
    expect((await client.me()).mfa.configured).to.equal(false);
  });

  it('the password alone does not confirm a reset: the dialog will not submit without a code', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');
    server.clock.advance(11 * 60_000);
    const el = await render<MfaReset>(html`<mfa-reset .client=${client}></mfa-reset>`);
    part<HTMLButtonElement>(el, 'reset').click();
    await confirmIn(el);
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 3000);
    part<HTMLInputElement>(reauth, 'password').value = password;
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await settle(el);
    expect(part<HTMLInputElement>(reauth, 'code').validity.valueMissing).to.equal(true);
    expect(part<HTMLDialogElement>(reauth, 'dialog').open).to.equal(true);
    part<HTMLButtonElement>(reauth, 'cancel').click();
    await settle(el);
    expect((await client.me()).mfa.configured).to.equal(true, 'nothing was unlinked');
  });
});
