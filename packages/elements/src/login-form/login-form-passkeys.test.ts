import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import type { LoginEvent } from '../shared/events.ts';
import { expectFocusOn, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticators } from '../../test/virtual-authenticator.ts';
import type { LoginForm } from './login-form.ts';

async function fill(el: LoginForm, username: string) {
  part<HTMLInputElement>(el, 'username').value = username;
  part<HTMLInputElement>(el, 'password').value = password;
  part<HTMLButtonElement>(el, 'submit').click();
  await settle(el);
}

describe('<login-form> with passkeys', () => {
  beforeEach(() => addVirtualAuthenticator());
  afterEach(() => removeVirtualAuthenticators());

  it('offers passkeys in the username autofill: choosing one signs in (the virtual authenticator chooses at once)', async () => {
    const server = await inPageServer();
    const alice = await server.client('alice');
    await alice.addPasskey('Laptop');
    const client = await server.client();
    const signedIn: string[] = [];
    const el = document.createElement('login-form');
    el.client = client;
    el.addEventListener('login', (event) => signedIn.push(event.detail.user.username));
    document.body.append(el);
    try {
      await until(() => signedIn.length > 0, 5000, 'the autofill sign-in');
      await settle(el, 5);
      expect(signedIn).to.deep.equal(['alice'], 'once, not again straight after');
      expect((await client.me()).username).to.equal('alice');
    } finally {
      el.remove();
    }
  });

  it('"Sign in with a passkey" signs in with the passkey alone, from the keyboard', async () => {
    const server = await inPageServer();
    const alice = await server.client('alice');
    await alice.addPasskey('Laptop');
    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    const button = part<HTMLButtonElement>(el, 'passkey');
    expect(button.textContent).to.equal('Sign in with a passkey');
    await expect(el).to.be.accessible();
    button.focus();
    const login = oneEvent(el, 'login') as Promise<LoginEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await login).detail.user.username).to.equal('alice');
    expect((await alice.passkeys())[0]!.lastUsedAt).to.not.equal(null);
  });

  it('at the MFA step, a passkey-only user is offered the passkey and recovery codes, not the app', async () => {
    const server = await inPageServer();
    const bob = await server.client('bob');
    await bob.addPasskey('Phone');
    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    await fill(el, 'bob');
    expect(part(el, 'heading').textContent).to.equal('Two-step verification');
    expect(part(el, 'passkey').textContent).to.equal('Use a passkey');
    expect(part(el, 'code').closest('label')!.textContent).to.contain('Recovery code');
    expect(el.shadowRoot!.querySelector('[part=switch-method]')).to.equal(null, 'no app to switch to');
    await expect(el).to.be.accessible();
    const login = oneEvent(el, 'login') as Promise<LoginEvent>;
    part<HTMLButtonElement>(el, 'passkey').click();
    expect((await login).detail.user.username).to.equal('bob');
  });

  it('under enforcement, the enrollment offers "Use a passkey instead", which links a passkey and shows the recovery codes', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    await root.org.setPolicy({ enforceMfa: true });
    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    await fill(el, 'alice');
    expect(part(el, 'heading').textContent).to.equal('Set up your authenticator app');
    const instead = part<HTMLButtonElement>(el, 'passkey');
    expect(instead.textContent).to.equal('Use a passkey instead');
    instead.click();
    await until(() => part(el, 'heading').textContent === 'Save your recovery codes', 5000, 'the recovery codes');
    expect(el.shadowRoot!.querySelectorAll('[part=recovery-codes] li')).to.have.length(10);
    expectFocusOn(part(el, 'heading'));
  });

  it('a passkey the server does not know is refused plainly, and the password form stays', async () => {
    const server = await inPageServer();
    await (await server.client('alice')).addPasskey('Laptop');
    // A new server: the browser still holds the passkey, the accounts no longer know it.
    const fresh = await inPageServer();
    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await fresh.client()}></login-form>`,
    );
    part<HTMLButtonElement>(el, 'passkey').click();
    await until(() => part(el, 'error').textContent !== '', 5000, 'the error');
    expect(part(el, 'error').textContent).to.equal(
      'That passkey was not accepted. Try another one, or choose another way.',
    );
    expect(part(el, 'heading').textContent).to.equal('Sign in');
  });

  it('a prompt the person does not confirm is a readable error, and other ways stay open', async () => {
    await removeVirtualAuthenticators();
    await addVirtualAuthenticator({ userVerified: false });
    const server = await inPageServer();
    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    part<HTMLButtonElement>(el, 'passkey').click();
    await until(() => part(el, 'error').textContent !== '', 10_000, 'the error');
    expect(part(el, 'error').textContent).to.equal('The passkey prompt was closed. Try again, or choose another way.');
    await settle(el);
    expectFocusOn(part(el, 'passkey'));
    await fill(el, 'bob');
    await until(() => part(el, 'error').textContent === '', 5000, 'the password working');
  });
  it('where the organization accepts only passkeys, an app code leads to creating a passkey, and a first setup offers only a passkey', async () => {
    const server = await inPageServer();
    const { secret } = await server.enrolled('alice');
    const root = await server.client('root-user');
    await root.addPasskey('Root key');
    await root.org.setPolicy({ enforceMfa: true, phishingResistant: true });

    const el = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    await fill(el, 'alice');
    part<HTMLInputElement>(el, 'code').value = await server.nextCode(secret);
    part<HTMLButtonElement>(el, 'submit').click();
    await until(() => part(el, 'heading').textContent === 'Create a passkey', 5000, 'the passkey step');
    expectFocusOn(part(el, 'heading'));
    expect(el.shadowRoot!.querySelector('#help')!.textContent).to.contain('Your organization accepts only passkeys.');
    await expect(el).to.be.accessible();
    const login = oneEvent(el, 'login') as Promise<LoginEvent>;
    const create = part<HTMLButtonElement>(el, 'passkey');
    expect(create.textContent).to.equal('Create a passkey');
    create.click();
    expect((await login).detail.user.mfa.passkeys).to.equal(1);

    // bob has no factor yet: no app to scan, only a passkey, then his recovery codes.
    const bobForm = await render<LoginForm>(
      html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
    );
    await fill(bobForm, 'bob');
    await until(() => part(bobForm, 'heading').textContent === 'Create a passkey', 5000, 'the passkey step');
    expect(bobForm.shadowRoot!.querySelector('[part=qr]')).to.equal(null, 'no QR code: the app is not accepted');
    part<HTMLButtonElement>(bobForm, 'passkey').click();
    await until(() => part(bobForm, 'heading').textContent === 'Save your recovery codes', 5000, 'the codes');
  });
});

describe('<login-form> without WebAuthn', () => {
  it('offers no passkey button at all', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    try {
      const server = await inPageServer();
      const el = await render<LoginForm>(
        html`<login-form passkey-autofill="off" .client=${await server.client()}></login-form>`,
      );
      expect(el.shadowRoot!.querySelector('[part=passkey]')).to.equal(null);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', saved);
    }
  });
});
