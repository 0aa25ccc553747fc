import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import type { MfaChangeEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticators } from '../../test/virtual-authenticator.ts';
import type { MfaToggle } from './mfa-toggle.ts';

describe('<mfa-toggle>', () => {
  it('shows a real switch, off and grey, then turns on from the keyboard and says setup comes at next sign-in', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    const toggle = part<HTMLButtonElement>(el, 'switch');
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    expect(getComputedStyle(part(el, 'track')).backgroundColor).to.equal('rgb(110, 119, 129)');
    await expect(el).to.be.accessible();

    toggle.focus();
    const changed = oneEvent(el, 'mfa-change') as Promise<MfaChangeEvent>;
    await sendKeys({ press: 'Space' });
    const event = await changed;
    expect(event.detail.mfa.enabled).to.equal(true);
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    await until(
      () => getComputedStyle(part(el, 'track')).backgroundColor === 'rgb(26, 127, 55)',
      2000,
      'green when on',
    );
    expect(part(el, 'status').textContent).to.contain('next sign-in');
    expectFocusOn(toggle);
    expect((await client.me()).mfa.enabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('asks to confirm before turning off; Cancel changes nothing and returns focus', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.setMfaEnabled(true);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    const toggle = part<HTMLButtonElement>(el, 'switch');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    await expect(el).to.be.accessible();
    expectFocusOn(part(dialog, 'cancel'));
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expectFocusOn(toggle);
    expect((await client.me()).mfa.enabled).to.equal(true);
  });

  it('turns off after confirmation with a recent sign-in', async () => {
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    part<HTMLButtonElement>(el, 'switch').click();
    const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    part<HTMLButtonElement>(dialog, 'confirm').click();
    await oneEvent(el, 'mfa-change');
    await settle(el);
    expect(part(el, 'switch').getAttribute('aria-checked')).to.equal('false');
    expect(part(el, 'status').textContent).to.equal('MFA is off.');
  });

  it('is locked with the reason while the organization enforces MFA', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    await root.org.setPolicy({ enforceMfa: true });
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${root}></mfa-toggle>`);
    const toggle = part<HTMLButtonElement>(el, 'switch');
    expect(toggle.getAttribute('aria-checked')).to.equal('true');
    expect(toggle.getAttribute('aria-disabled')).to.equal('true');
    expect(part(el, 'hint').textContent).to.contain('organization requires MFA');
    expect(part(el, 'setup').textContent).to.equal('Set up now');
    toggle.click();
    await settle(el);
    expect(
      el.shadowRoot!.querySelector('portcullis-confirm-dialog')!.shadowRoot!.querySelector('dialog')!.open,
    ).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('is themable: custom properties, ::part and a dark theme', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<MfaToggle>(
      html`<mfa-toggle .client=${client} style="--portcullis-switch-off: rgb(1, 2, 3)"></mfa-toggle>`,
    );
    expect(getComputedStyle(part(el, 'track')).backgroundColor).to.equal('rgb(1, 2, 3)');
    el.style.removeProperty('--portcullis-switch-off');
    el.setAttribute('theme', 'dark');
    await settle(el);
    expect(getComputedStyle(el).color).to.equal('rgb(230, 237, 243)');
    el.setAttribute('theme', 'light');
    await settle(el);
    expect(getComputedStyle(el).color).to.equal('rgb(27, 31, 36)');
  });

  it('signing out through the client reloads it: session-expired, and the reason shown', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    const expired = oneEvent(el, 'session-expired');
    await client.logout();
    await expired;
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal(
      'Your session has ended. Sign in again.',
    );
  });

  it('setting a property fires no event', async () => {
    const server = await inPageServer();
    const client = await server.client('bob');
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    let fired = 0;
    el.addEventListener('mfa-change', () => fired++);
    el.me = await client.me();
    el.client = await server.client('alice');
    await settle(el);
    expect(fired).to.equal(0);
  });

  it('a stale sign-in opens the re-authentication dialog, then retries the change', async () => {
    const server = await inPageServer();
    const { client, secret } = await server.enrolled('alice');
    server.clock.advance(11 * 60_000);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    part<HTMLButtonElement>(el, 'switch').click();
    const confirm = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    part<HTMLButtonElement>(confirm, 'confirm').click();
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 3000);
    await expect(el).to.be.accessible();
    const input = part<HTMLInputElement>(reauth, 'password');
    expectFocusOn(input);
    input.value = password;
    part<HTMLInputElement>(reauth, 'code').value = await server.nextCode(secret);
    const changed = oneEvent(el, 'mfa-change');
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await changed;
    expect((await client.me()).mfa.enabled).to.equal(false);
  });

  it('a session ended elsewhere fires session-expired at the next action, and says so', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    // Another device changes the password: this session ends on the server.
    await (
      await server.client('alice')
    ).changePassword({ currentPassword: password, newPassword: 'another long passphrase' });
    const expired = oneEvent(el, 'session-expired');
    part<HTMLButtonElement>(el, 'switch').click();
    await expired;
    await settle(el);
    expect(part(el, 'status').textContent).to.contain('session has ended');
  });

  it('turning off while nothing is linked asks for the password alone (there is no factor to ask for), then MFA is off (#28)', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.setMfaEnabled(true);
    server.clock.advance(11 * 60_000);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    part<HTMLButtonElement>(el, 'switch').click();
    const confirm = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    part<HTMLButtonElement>(confirm, 'confirm').click();
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 3000);
    expect(reauth.shadowRoot!.querySelector('[part=code]')).to.equal(null, 'no code asked');
    part<HTMLInputElement>(reauth, 'password').value = password;
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await until(() => part(el, 'switch').getAttribute('aria-checked') === 'false', 3000, 'MFA off');
    expect(part(el, 'status').textContent).to.equal('MFA is off.');
  });
});

describe('<mfa-toggle> "Set up now"', () => {
  it('links an authenticator app in place: QR and key, a wrong code explained, then recovery codes to save', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.setMfaEnabled(true);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    expect(part(el, 'hint').textContent).to.equal('Set up your authenticator app now, or at your next sign-in.');
    part<HTMLButtonElement>(el, 'setup').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.querySelector('[part=qr] svg path') !== null, 5000, 'the QR code');
    expectFocusOn(part(el, 'setup-heading'));
    expect(part(el, 'setup-heading').textContent).to.equal('Set up your authenticator app');
    const secret = part(el, 'secret').textContent!.replaceAll(' ', '');
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'code').value = '000000';
    part<HTMLButtonElement>(el, 'verify').click();
    await until(() => part(el, 'error').textContent !== '', 3000, 'the error');
    expect(part(el, 'error').textContent).to.contain('That code did not work');
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expectFocusOn(part(el, 'code'));

    const enrolled = oneEvent(el, 'mfa-change') as Promise<MfaChangeEvent>;
    part<HTMLInputElement>(el, 'code').value = await server.nextCode(secret);
    part<HTMLButtonElement>(el, 'verify').click();
    const event = await enrolled;
    expect(event.detail.action).to.equal('enrolled');
    expect(event.detail.mfa.configured).to.equal(true);
    await settle(el);
    expect(part(el, 'setup-heading').textContent).to.equal('Save your recovery codes');
    expectFocusOn(part(el, 'setup-heading'));
    expect(part(el, 'recovery-codes').querySelectorAll('li')).to.have.length(10);
    expect(part<HTMLButtonElement>(el, 'done').disabled).to.equal(true, 'not before "I have saved them"');
    await expect(el).to.be.accessible();
    const saved = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    saved.focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    part<HTMLButtonElement>(el, 'done').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part=setup-panel]')).to.equal(null);
    expect(part(el, 'status').textContent).to.contain('Your authenticator app is set up');
    expect(part(el, 'hint').textContent).to.equal('Every sign-in asks for a code from your authenticator app.');
    expectFocusOn(part(el, 'switch'));
    expect((await client.me()).mfa).to.include({ enabled: true, configured: true, recoveryCodesLeft: 10 });
  });

  it('with a stale sign-in it asks for the password only (nothing is linked yet), then starts', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.setMfaEnabled(true);
    server.clock.advance(11 * 60_000);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    part<HTMLButtonElement>(el, 'setup').click();
    const reauth = await openDialog(el, 'portcullis-reauth-dialog', 3000);
    expect(reauth.shadowRoot!.querySelector('[part=code]')).to.equal(null);
    part<HTMLInputElement>(reauth, 'password').value = password;
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await until(() => el.shadowRoot!.querySelector('[part=secret]') !== null, 5000, 'the setup key');
  });

  it('Cancel abandons the setup and returns focus to "Set up now"; nothing is linked', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await client.setMfaEnabled(true);
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${client}></mfa-toggle>`);
    part<HTMLButtonElement>(el, 'setup').click();
    await until(() => el.shadowRoot!.querySelector('[part=cancel]') !== null, 5000, 'the setup');
    part<HTMLButtonElement>(el, 'cancel').click();
    await settle(el);
    expectFocusOn(part(el, 'setup'));
    expect((await client.me()).mfa.configured).to.equal(false);
  });

  it("reminds a member without a factor of the organization's deadline: politely while it is far, as an alert in its last seven days", async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const alice = await server.client('alice');
    const dayMs = 86_400_000;
    const inTwelveDays = new Date(server.clock.now() + 12 * dayMs + 60_000).toISOString();
    await root.org.setPolicy({ enforceMfa: true, mfaDeadline: inTwelveDays });
    const el = await render<MfaToggle>(html`<mfa-toggle .client=${alice}></mfa-toggle>`);
    const reminder = part(el, 'reminder');
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(inTwelveDays));
    expect(reminder.textContent!.trim()).to.equal(
      `Your organization requires a second factor from ${date} — in 12 days. Set it up now.`,
    );
    expect(reminder.getAttribute('role')).to.equal('status', 'read once, politely');
    expect(part(el, 'hint').textContent).to.equal(
      'Your organization requires MFA for every user, so it cannot be turned off.',
      'not "at your next sign-in": that is not true before the deadline',
    );
    expect(part(el, 'setup').textContent).to.equal('Set up now');
    expect(part(el, 'switch').getAttribute('aria-disabled')).to.equal('true', 'nobody turns it off');
    await expect(el).to.be.accessible();

    const inThreeDays = new Date(server.clock.now() + 3 * dayMs + 60_000).toISOString();
    await root.org.setPolicy({ enforceMfa: true, mfaDeadline: inThreeDays });
    const urgent = await render<MfaToggle>(html`<mfa-toggle .client=${alice}></mfa-toggle>`);
    const alert = urgent.shadowRoot!.querySelector<HTMLElement>('[part~=urgent]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent!.trim()).to.equal(
      `Set up a second factor now: from ${new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(inThreeDays))} (in 3 days) you cannot sign in without one.`,
    );
    await expect(urgent).to.be.accessible();

    // Once set up, no reminder.
    const { client: bob } = await server.enrolled('bob');
    const done = await render<MfaToggle>(html`<mfa-toggle .client=${bob}></mfa-toggle>`);
    expect(done.shadowRoot!.querySelector('[part~=reminder]')).to.equal(null);
  });

  it('reminds in German', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const alice = await server.client('alice');
    const deadline = new Date(server.clock.now() + 20 * 86_400_000 + 60_000).toISOString();
    await root.org.setPolicy({ enforceMfa: true, mfaDeadline: deadline });
    const { de } = await import('../locales/de.ts');
    const el = await render<MfaToggle>(html`<mfa-toggle lang="de" .messages=${de} .client=${alice}></mfa-toggle>`);
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'long' }).format(new Date(deadline));
    expect(part(el, 'reminder').textContent!.trim()).to.equal(
      `Ihre Organisation verlangt ab ${date} einen zweiten Faktor (in 20 Tagen). Richten Sie ihn jetzt ein.`,
    );
  });

  it('under passkeys only it prompts for a passkey and offers no app setup', async () => {
    await addVirtualAuthenticator();
    try {
      const server = await inPageServer();
      const root = await server.client('root-user');
      const alice = await server.client('alice');
      const deadline = new Date(server.clock.now() + 30 * 86_400_000).toISOString();
      await root.org.setPolicy({ enforceMfa: true, mfaDeadline: deadline });
      const before = await render<MfaToggle>(html`<mfa-toggle .client=${alice}></mfa-toggle>`);
      expect(before.shadowRoot!.querySelector('[part=passkey-prompt]')).to.equal(null, 'not while apps count');
      expect(part(before, 'setup').textContent).to.equal('Set up now');

      await root.addPasskey('Root key');
      await root.org.setPolicy({ enforceMfa: true, mfaDeadline: deadline, phishingResistant: true });
      const el = await render<MfaToggle>(html`<mfa-toggle .client=${alice}></mfa-toggle>`);
      expect(part(el, 'passkey-prompt').textContent).to.equal(
        'Your organization accepts only passkeys: add a passkey (under Passkeys) instead of an authenticator app.',
      );
      expect(el.shadowRoot!.querySelector('[part=setup]')).to.equal(null, 'no app setup');
      expect(part(el, 'reminder').textContent).to.contain('in 30 days');
      await expect(el).to.be.accessible();
    } finally {
      await removeVirtualAuthenticators();
    }
  });
});
