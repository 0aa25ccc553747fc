import { expect, html, oneEvent } from '@open-wc/testing';
import { totpCode } from '@portcullis/server';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { de } from '../locales/de.ts';
import { registerLocale } from '../portcullis-provider/portcullis-provider.ts';
import type { LoginEvent } from '../shared/events.ts';
import { expectFocusOn, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password, type InPageServer } from '../../test/in-page-server.ts';
import type { LoginForm } from './login-form.ts';

async function fill(el: LoginForm, username: string, pass: string) {
  part<HTMLInputElement>(el, 'username').value = username;
  part<HTMLInputElement>(el, 'password').value = pass;
  part<HTMLButtonElement>(el, 'submit').click();
  await settle(el);
}

async function withMfa(server: InPageServer, username: string) {
  const client = await server.client(username);
  await client.setMfaEnabled(true);
  return client;
}

describe('<login-form>', () => {
  it('signs in with a password alone, using only the keyboard, and fires login', async () => {
    const server = await inPageServer();
    const client = await server.client();
    const el = await render<LoginForm>(html`<login-form .client=${client}></login-form>`);
    await expect(el).to.be.accessible();
    part<HTMLInputElement>(el, 'username').focus();
    await sendKeys({ type: 'bob' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: password });
    const login = oneEvent(el, 'login') as Promise<LoginEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await login;
    expect(event.detail.user.username).to.equal('bob');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(part<HTMLInputElement>(el, 'username').getAttribute('autocomplete')).to.equal(
      'username webauthn',
      'passkeys in the autofill list',
    );
    expect(part<HTMLInputElement>(el, 'password').getAttribute('autocomplete')).to.equal('current-password');
  });

  it('says a wrong password plainly, in a live region, and keeps focus on the password', async () => {
    const server = await inPageServer();
    const el = await render<LoginForm>(html`<login-form .client=${await server.client()}></login-form>`);
    await fill(el, 'bob', 'not the right password');
    const error = part(el, 'error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('Wrong username or password.');
    expectFocusOn(part(el, 'password'));
    expect(part(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says how long to wait when throttled', async () => {
    const server = await inPageServer();
    const el = await render<LoginForm>(html`<login-form .client=${await server.client()}></login-form>`);
    for (let i = 0; i < 6; i++) await fill(el, 'bob', 'not the right password');
    expect(part(el, 'error').textContent).to.match(/Too many attempts\. Wait \d+ seconds/);
  });

  it('enrolls: QR code drawn as SVG, the key in groups of four, then recovery codes to save', async () => {
    const server = await inPageServer();
    await withMfa(server, 'alice');
    const el = await render<LoginForm>(html`<login-form .client=${await server.client()}></login-form>`);
    await fill(el, 'alice', password);
    // Not `part()`: it throws while the step has not rendered yet, which would end the wait.
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=qr] svg path')), 5000, 'the QR code');
    expect(part(el, 'heading').textContent).to.equal('Set up your authenticator app');
    expectFocusOn(part(el, 'heading'));
    expect(part(el, 'qr').getAttribute('role')).to.equal('img');
    expect(part(el, 'qr').getAttribute('aria-label')).to.contain('alice');
    const shown = part(el, 'secret').textContent!;
    expect(shown).to.match(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const code = part<HTMLInputElement>(el, 'code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    await expect(el).to.be.accessible();

    const typed = await totpCode(shown.replaceAll(' ', ''), server.clock.now());
    code.value = `${typed.slice(0, 3)} ${typed.slice(3)}`; // pasted with a space
    part<HTMLButtonElement>(el, 'submit').click();
    await until(() => el.shadowRoot!.querySelector('[part=recovery-codes]') !== null, 5000, 'the recovery codes');
    const codes = [...part(el, 'recovery-codes').querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(codes).to.have.length(10);
    expect(part(el, 'download').textContent).to.equal('Download codes');
    const next = part<HTMLButtonElement>(el, 'submit');
    expect(next.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    (el.shadowRoot!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    await settle(el);
    const login = oneEvent(el, 'login') as Promise<LoginEvent>;
    next.click();
    expect((await login).detail.user.mfa.configured).to.equal(true);
  });

  it('asks for a code; a recovery code works instead; the wrong code is explained', async () => {
    const server = await inPageServer();
    const { recoveryCodes } = await server.enrolled('alice');

    const el = await render<LoginForm>(html`<login-form .client=${await server.client()}></login-form>`);
    await fill(el, 'alice', password);
    expect(part(el, 'heading').textContent).to.equal('Two-step verification');
    part<HTMLInputElement>(el, 'code').value = '000000';
    part<HTMLButtonElement>(el, 'submit').click();
    await settle(el);
    expect(part(el, 'error').textContent).to.contain('That code did not work');
    expectFocusOn(part(el, 'code'));
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'switch-method').click();
    await settle(el);
    expect(part(el, 'code').getAttribute('autocomplete')).to.equal('off');
    part<HTMLInputElement>(el, 'code').value = recoveryCodes[0]!;
    const login = oneEvent(el, 'login');
    part<HTMLButtonElement>(el, 'submit').click();
    await login;
  });

  it('an expired challenge sends the person back to start again, with the reason', async () => {
    const server = await inPageServer();
    await withMfa(server, 'alice');
    const el = await render<LoginForm>(html`<login-form .client=${await server.client()}></login-form>`);
    await fill(el, 'alice', password);
    server.clock.advance(6 * 60_000);
    part<HTMLInputElement>(el, 'code').value = '123456';
    part<HTMLButtonElement>(el, 'submit').click();
    await settle(el);
    expect(part(el, 'error').textContent).to.contain('Start again');
    expect(part(el, 'heading').textContent).to.equal('Sign in');
    expect(part<HTMLInputElement>(el, 'username').value).to.equal('alice');
  });

  it('speaks German inside a provider with locale="de", and every string can be replaced', async () => {
    registerLocale('de', de);
    const server = await inPageServer();
    const client = await server.client();
    const provider = await render<HTMLElement>(
      html`<portcullis-provider locale="de" .client=${client}><login-form></login-form></portcullis-provider>`,
    );
    const el = provider.querySelector('login-form')!;
    await settle(el);
    expect(part(el, 'heading').textContent).to.equal('Anmelden');
    el.messages = { 'login.title': 'Welcome back' };
    await settle(el);
    expect(part(el, 'heading').textContent).to.equal('Welcome back');
    await fill(el, 'bob', 'falsches passwort hier');
    expect(part(el, 'error').textContent).to.equal('Benutzername oder Passwort ist falsch.');
  });
});
