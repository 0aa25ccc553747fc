import { expect, html, oneEvent } from '@open-wc/testing';
import { isPortcullisError } from '@portcullis/sdk';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { expectFocusOn, part, render, settle } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import type { PasswordChange } from './password-change.ts';

function type(el: PasswordChange, name: string, value: string) {
  const input = part<HTMLInputElement>(el, name);
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
}

describe('<password-change>', () => {
  it('shows live hints from the policy, changes the password, clears the fields and signs other sessions out', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const other = await server.client('alice');
    const el = await render<PasswordChange>(html`<password-change .client=${client}></password-change>`);
    const hint = part(el, 'hints').querySelector('li')!;
    expect(hint.textContent).to.equal('At least 15 characters');
    expect(hint.classList.contains('met')).to.equal(false);
    type(el, 'new', 'a brand new passphrase');
    await settle(el, 1);
    expect(hint.classList.contains('met')).to.equal(true);
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'current').value = password;
    type(el, 'confirm', 'a brand new passphrase');
    const changed = oneEvent(el, 'password-change');
    part<HTMLButtonElement>(el, 'submit').click();
    await changed;
    await settle(el);
    expect(part(el, 'status').textContent).to.contain('signed out on every other device');
    expectFocusOn(part(el, 'status'));
    expect(part<HTMLInputElement>(el, 'new').value).to.equal('');
    expect(part<HTMLInputElement>(el, 'current').value).to.equal('');
    let otherEnded = false;
    await other.me().catch((error) => (otherEnded = isPortcullisError(error, 'unauthenticated')));
    expect(otherEnded).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("shows the server's reasons at the field, and a wrong current password at its field", async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<PasswordChange>(html`<password-change .client=${client}></password-change>`);
    part<HTMLInputElement>(el, 'current').value = password;
    type(el, 'new', 'passwordpassword');
    type(el, 'confirm', 'passwordpassword');
    part<HTMLButtonElement>(el, 'submit').click();
    await settle(el);
    const newField = part<HTMLInputElement>(el, 'new');
    expect(newField.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#newPassword-errors')!.textContent).to.contain('most common passwords');
    expectFocusOn(newField);
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'current').value = 'not my password at all';
    type(el, 'new', 'a good long passphrase');
    type(el, 'confirm', 'a good long passphrase');
    part<HTMLButtonElement>(el, 'submit').click();
    await settle(el);
    expect(part(el, 'current').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#currentPassword-errors')!.textContent).to.equal(
      'Wrong username or password.',
    );
  });

  it('catches a mismatched confirmation before sending anything, from the keyboard', async () => {
    const server = await inPageServer();
    const client = await server.client('bob');
    const el = await render<PasswordChange>(html`<password-change .client=${client}></password-change>`);
    part<HTMLInputElement>(el, 'current').focus();
    await sendKeys({ type: password });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'one long new passphrase' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'another long passphrase' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expectFocusOn(part(el, 'confirm'));
    expect(el.shadowRoot!.querySelector('#confirm-errors')!.textContent).to.equal('The passwords do not match.');
    expect((await server.client('bob')) !== undefined).to.equal(true, 'the old password still signs in');
  });

  it('uses the lower minimum once an authenticator is linked, not merely when MFA is switched on', async () => {
    const server = await inPageServer();
    const pending = await server.client('bob');
    await pending.setMfaEnabled(true);
    const before = await render<PasswordChange>(html`<password-change .client=${pending}></password-change>`);
    expect(part(before, 'hints').querySelector('li')!.textContent).to.equal('At least 15 characters');
    const { client } = await server.enrolled('alice');
    const el = await render<PasswordChange>(html`<password-change .client=${client}></password-change>`);
    expect(part(el, 'hints').querySelector('li')!.textContent).to.equal('At least 8 characters');
  });
});
