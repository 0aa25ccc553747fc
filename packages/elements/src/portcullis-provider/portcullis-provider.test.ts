import { expect, html, oneEvent } from '@open-wc/testing';
import type { PortcullisClient } from '@portcullis/sdk';
import '../define.ts';
import { openDialog, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import { fr } from '../locales/fr.ts';
import { registerLocale, type PortcullisProvider } from './portcullis-provider.ts';

/** Renders the table inside a provider, asks to enforce MFA, confirms, and waits for the provider's reauth dialog. */
async function enforceUntilReauth(client: PortcullisClient) {
  const provider = await render<PortcullisProvider>(
    html`<portcullis-provider .client=${client}><org-policy-table></org-policy-table></portcullis-provider>`,
  );
  const table = provider.querySelector('org-policy-table')!;
  await until(() => Boolean(table.shadowRoot!.querySelector('[part=enforce]')), 3000, 'the table');
  part<HTMLInputElement>(table, 'enforce').click();
  const confirm = await openDialog(table, 'portcullis-confirm-dialog', 2000);
  part<HTMLButtonElement>(confirm, 'confirm').click();
  const reauth = await openDialog(provider, 'portcullis-reauth-dialog', 3000);
  return { provider, table, reauth };
}

describe('<portcullis-provider>', () => {
  it('a locale registered after the elements rendered takes over at once (a page script after the bundle)', async () => {
    const server = await inPageServer();
    const client = await server.client();
    const heading = (provider: Element) =>
      provider.querySelector('login-form')!.shadowRoot!.querySelector('h2, h3')!.textContent!.trim();
    const french = await render<PortcullisProvider>(
      html`<portcullis-provider locale="fr" .client=${client}><login-form></login-form></portcullis-provider>`,
    );
    const english = await render<PortcullisProvider>(
      html`<portcullis-provider locale="en" .client=${client}><login-form></login-form></portcullis-provider>`,
    );
    expect(heading(french)).to.equal('Sign in', 'English until French is registered');
    registerLocale('fr', fr);
    await until(() => heading(french) === 'Connexion', 3000, 'the French strings');
    expect(heading(english)).to.equal('Sign in', 'a provider of another language keeps its own');
  });

  it('gives the host a token for its own backend, and says when the person is signed out so the host drops it', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const provider = await render<PortcullisProvider>(
      html`<portcullis-provider .client=${client}><profile-settings></profile-settings></portcullis-provider>`,
    );
    const token = await provider.getToken();
    const [, payload] = token.split('.');
    const claims = JSON.parse(atob(payload!.replaceAll('-', '+').replaceAll('_', '/'))) as {
      username: string;
      amr: string[];
    };
    expect(claims.username).to.equal('alice');
    expect(await provider.getToken()).to.equal(token, 'cached, one token until shortly before it expires');
    await until(
      () => provider.querySelector('profile-settings')!.shadowRoot!.textContent!.includes('Signed in as alice'),
      3000,
      'the page',
    );

    const signedOut = oneEvent(provider, 'signed-out');
    await client.logout();
    expect((await signedOut).detail).to.deep.equal({ reason: 'sign-out' });
    let refused: unknown;
    await provider.getToken().catch((error: unknown) => (refused = error));
    expect((refused as { code?: string }).code).to.equal('unauthenticated', 'no token once signed out');
  });

  it('says signed-out with the reason when the session ends on the server', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    const provider = await render<PortcullisProvider>(
      html`<portcullis-provider .client=${client}><mfa-toggle></mfa-toggle></portcullis-provider>`,
    );
    await until(
      () => Boolean(provider.querySelector('mfa-toggle')!.shadowRoot!.querySelector('[part=switch]')),
      3000,
      'the toggle',
    );
    const other = await server.client('alice');
    await other.revokeOtherSessions();
    const signedOut = oneEvent(provider, 'signed-out');
    await client.me().catch(() => undefined);
    expect((await signedOut).detail).to.deep.equal({ reason: 'session-ended' });
  });

  it('hands its client to every element inside, across shadow roots', async () => {
    const server = await inPageServer();
    const provider = await render<PortcullisProvider>(html`<portcullis-provider .client=${await server.client('alice')}>
      <div><profile-settings></profile-settings></div>
    </portcullis-provider>`);
    const page = provider.querySelector('profile-settings')!;
    await until(() => page.shadowRoot!.textContent!.includes('Signed in as alice'), 3000, 'the page');
  });

  it('creates a cookie-mode client from base-url when none is given', async () => {
    await inPageServer();
    const provider = await render<PortcullisProvider>(
      html`<portcullis-provider base-url="/api/v1"><mfa-toggle></mfa-toggle></portcullis-provider>`,
    );
    const toggle = provider.querySelector('mfa-toggle')!;
    // No cookie in this page: the real server answers 401, shown as a readable message.
    await until(() => Boolean(toggle.shadowRoot!.querySelector('.error')), 3000, 'the error');
    expect(toggle.shadowRoot!.querySelector('.error')!.textContent).to.equal('Your session has ended. Sign in again.');
  });

  it('opens one shared re-authentication dialog, asks for a code where MFA is set up, then retries', async () => {
    const server = await inPageServer();
    const { client: root, secret } = await server.enrolled('root-user');
    server.clock.advance(11 * 60_000);

    const { provider, table, reauth } = await enforceUntilReauth(root);
    expect(table.shadowRoot!.querySelector('portcullis-reauth-dialog')).to.equal(null, 'no second dialog');
    expect(part(reauth, 'code').getAttribute('autocomplete')).to.equal('one-time-code');
    await expect(provider).to.be.accessible();

    part<HTMLInputElement>(reauth, 'password').value = 'wrong password, wrong';
    part<HTMLInputElement>(reauth, 'code').value = '000000';
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await until(() => part(reauth, 'error').textContent !== '', 3000, 'the error');
    expect(part(reauth, 'error').textContent).to.equal('Wrong username or password.');

    part<HTMLInputElement>(reauth, 'password').value = password;
    part<HTMLInputElement>(reauth, 'code').value = await server.nextCode(secret);
    const changed = oneEvent(table, 'org-policy-change');
    part<HTMLButtonElement>(reauth, 'confirm').click();
    await changed;
    expect((await root.org.policy()).enforceMfa).to.equal(true);
    await settle(table);
  });

  it('cancelling re-authentication leaves everything as it was and says why', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    server.clock.advance(11 * 60_000);
    const { table, reauth } = await enforceUntilReauth(root);
    part<HTMLButtonElement>(reauth, 'cancel').click();
    await until(() => part(table, 'status').textContent !== '', 3000, 'the message');
    expect(part(table, 'status').textContent).to.equal('Confirm your identity to continue.');
    expect((await root.org.policy()).enforceMfa).to.equal(false);
  });
});
