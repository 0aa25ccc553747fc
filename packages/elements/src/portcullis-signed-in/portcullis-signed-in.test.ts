import { expect, html, oneEvent } from '@open-wc/testing';
import { createClient } from '@portcullis/sdk';
import '../define.ts';
import type { LoginForm } from '../login-form/login-form.ts';
import type { PortcullisProvider } from '../portcullis-provider/portcullis-provider.ts';
import type { ProfileSettings } from '../profile-settings/profile-settings.ts';
import { part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';

/** A bearer client whose answers can be held back, and which counts the requests it sends. */
function countingClient() {
  const paths: string[] = [];
  let release: () => void = () => undefined;
  let held: Promise<void> = Promise.resolve();
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    paths.push(new URL(request.url).pathname);
    await held;
    return globalThis.fetch(request);
  }) as typeof globalThis.fetch;
  const client = createClient({ baseUrl: '/api/v1', tokenType: 'bearer', retry: 0, fetch });
  return {
    client,
    paths,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

const page = (client: ReturnType<typeof countingClient>['client']) => html`<portcullis-provider .client=${client}>
  <portcullis-signed-out><login-form></login-form></portcullis-signed-out>
  <portcullis-signed-in><profile-settings></profile-settings></portcullis-signed-in>
</portcullis-provider>`;

describe('<portcullis-signed-in> and <portcullis-signed-out>', () => {
  it('show nothing while the provider asks, then only the signed-out part; hidden parts do not load', async () => {
    await inPageServer();
    const counting = countingClient();
    counting.hold();
    const provider = await render<PortcullisProvider>(page(counting.client));
    const login = () => provider.querySelector('login-form');
    const profile = () => provider.querySelector('profile-settings');
    expect(login(), 'nothing while asking').to.equal(null);
    expect(profile()).to.equal(null);
    counting.release();
    await until(() => login() !== null, 3000, 'the sign-in form');
    expect(profile()).to.equal(null);
    await settle(provider);
    expect(counting.paths).to.deep.equal(['/api/v1/me'], 'only the provider asked; the hidden profile did not load');
    await expect(provider).to.be.accessible();
  });

  it('signing in shows the profile; its "Sign out" brings the sign-in form back, with no script of the page', async () => {
    await inPageServer();
    const { client } = countingClient();
    const provider = await render<PortcullisProvider>(page(client));
    await until(() => provider.querySelector('login-form') !== null, 3000, 'the sign-in form');
    const form = provider.querySelector<LoginForm>('login-form')!;
    await settle(form);
    part<HTMLInputElement>(form, 'username').value = 'alice';
    part<HTMLInputElement>(form, 'password').value = password;
    part<HTMLButtonElement>(form, 'submit').click();
    await until(() => provider.querySelector('profile-settings') !== null, 5000, 'the profile');
    expect(provider.querySelector('login-form')).to.equal(null);
    const profile = provider.querySelector<ProfileSettings>('profile-settings')!;
    await until(() => profile.shadowRoot!.textContent!.includes('Signed in as alice'), 3000, 'the profile page');
    await expect(provider).to.be.accessible();

    const signedOut = oneEvent(profile, 'sign-out');
    part<HTMLButtonElement>(profile, 'sign-out').click();
    await signedOut;
    await until(() => provider.querySelector('login-form') !== null, 3000, 'the sign-in form again');
    expect(provider.querySelector('profile-settings')).to.equal(null);
    let ended = false;
    await client.me().catch(() => (ended = true));
    expect(ended).to.equal(true, 'the session ended on the server');
  });

  it('a signed-in client shows the profile at once; a session ended elsewhere turns it to the sign-in form', async () => {
    const server = await inPageServer();
    const client = await server.client('bob');
    const provider = await render<PortcullisProvider>(html`<portcullis-provider .client=${client}>
      <portcullis-signed-out><login-form></login-form></portcullis-signed-out>
      <portcullis-signed-in><mfa-toggle></mfa-toggle></portcullis-signed-in>
    </portcullis-provider>`);
    await until(() => provider.querySelector('mfa-toggle') !== null, 3000, 'the signed-in part');
    await (
      await server.client('bob')
    ).changePassword({ currentPassword: password, newPassword: 'another long passphrase' });
    const toggle = provider.querySelector('mfa-toggle')!;
    await until(() => Boolean(toggle.shadowRoot!.querySelector('[part=switch]')), 3000, 'the switch');
    part<HTMLButtonElement>(toggle, 'switch').click();
    await until(() => provider.querySelector('login-form') !== null, 3000, 'the sign-in form');
    expect(provider.querySelector('mfa-toggle')).to.equal(null);
  });

  it('without a provider they show nothing; children added later while hidden are kept back too', async () => {
    const gate = await render<HTMLElement>(html`<portcullis-signed-in><p>secret</p></portcullis-signed-in>`);
    expect(gate.textContent).to.equal('');
    gate.append(Object.assign(document.createElement('p'), { textContent: 'later' }));
    await until(() => gate.childNodes.length === 0, 1000, 'parking');
    expect(gate.textContent).to.equal('');
  });
});
