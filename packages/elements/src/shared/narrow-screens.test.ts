import { expect, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../define.ts';
import { ar } from '../locales/ar.ts';
import { registerLocale } from '../portcullis-provider/portcullis-provider.ts';
import { render, settle, until } from '../../test/helpers.ts';
import { inPageServer, password } from '../../test/in-page-server.ts';
import { overflowing, smallTargets } from '../../test/overflow.ts';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** Waits until the element tree under `host` has rendered its data (no "Loading…" left). */
async function loaded(host: Element) {
  const text = () => {
    let all = '';
    const walk = (node: Element | ShadowRoot) => {
      for (const child of Array.from(node.children)) {
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
      all += node instanceof ShadowRoot ? node.textContent : '';
    };
    walk(host);
    return all;
  };
  await until(() => text().length > 0 && !text().includes('Loading'), 8000, 'the data');
  await settle(host as HTMLElement, 5);
}

/** A root's `<profile-settings>` under `frame`, with its organization section, loaded. */
async function profileLoaded(frame: HTMLElement) {
  await loaded(frame);
  const profile = frame.querySelector('profile-settings')!;
  await until(() => Boolean(profile.shadowRoot!.querySelector('org-policy-table')), 5000, 'the organization');
  await loaded(frame);
}

describe('narrow screens (320 CSS px)', () => {
  // The page's own margin aside: the elements get the whole width, as in a phone's portal.
  beforeEach(() => (document.body.style.margin = '0'));
  afterEach(async () => {
    document.body.style.margin = '';
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [320, 375]) {
    it(`the root's whole profile fits ${width} px: no sideways scrolling, targets at least 24 px`, async () => {
      await setViewport({ width, height: 800 });
      const server = await inPageServer();
      await server.createUsers(3);
      await server.addSession('root-user', firefox, '2001:db8:85a3::8a2e:370:7334', 3_600_000);
      const root = await server.client('root-user');
      await root.org.createApiKey({ name: 'A rather long key name for the HR synchronisation job' });
      const frame = await render<HTMLElement>(
        html`<div style="width: ${width}px"><profile-settings .client=${root}></profile-settings></div>`,
      );
      await profileLoaded(frame);
      expect(overflowing(frame)).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      expect(smallTargets(frame)).to.deep.equal([]);
    });
  }

  it('text at 200 % (a 640 px window, as 1280 px zoomed): the profile still fits, nothing cut off', async () => {
    await setViewport({ width: 640, height: 800 });
    document.documentElement.style.fontSize = '200%';
    try {
      const server = await inPageServer();
      await server.addSession('root-user', firefox, '198.51.100.7', 60_000);
      const root = await server.client('root-user');
      const frame = await render<HTMLElement>(
        html`<div style="width: 640px"><profile-settings .client=${root}></profile-settings></div>`,
      );
      await profileLoaded(frame);
      expect(overflowing(frame)).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(640);
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('setting up the app at sign-in fits 320 px: the QR code, the setup key, the recovery codes', async () => {
    await setViewport({ width: 320, height: 900 });
    const server = await inPageServer();
    const alice = await server.client('alice');
    await alice.setMfaEnabled(true);
    await alice.logout();
    const frame = await render<HTMLElement>(
      html`<div style="width: 320px"><login-form .client=${alice}></login-form></div>`,
    );
    const form = frame.querySelector('login-form')!;
    const field = (name: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    field('username').value = 'alice';
    field('password').value = password;
    form.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => Boolean(form.shadowRoot!.querySelector('[part=secret]')), 5000, 'the setup key');
    await settle(form, 5);
    expect(overflowing(frame)).to.deep.equal([]);
    expect(smallTargets(frame)).to.deep.equal([]);
  });

  it('dialogs fit the screen: confirming, re-authenticating, a new API key', async () => {
    await setViewport({ width: 320, height: 640 });
    const server = await inPageServer();
    const root = await server.client('root-user');
    const frame = await render<HTMLElement>(
      html`<div style="width: 320px"><org-api-keys .client=${root}></org-api-keys></div>`,
    );
    const keys = frame.querySelector('org-api-keys')!;
    await loaded(frame);
    keys.shadowRoot!.querySelector<HTMLInputElement>('input[name=name]')!.value =
      'A key with a long name for the phone';
    keys.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const dialog = () => keys.shadowRoot!.querySelector<HTMLDialogElement>('#key-dialog')!;
    await until(() => dialog().open, 5000, 'the key dialog');
    const box = dialog().getBoundingClientRect();
    expect([box.left >= 0, box.right <= 320]).to.deep.equal([true, true]);
    expect(dialog().scrollWidth).to.be.at.most(dialog().clientWidth);
    expect(smallTargets(dialog())).to.deep.equal([]);
    dialog().close();

    keys.shadowRoot!.querySelector<HTMLButtonElement>('[part=revoke]')!.click();
    const confirm = keys.shadowRoot!.querySelector('portcullis-confirm-dialog')!;
    await until(() => Boolean(confirm.shadowRoot!.querySelector('dialog')?.open), 5000, 'the confirmation');
    const asked = confirm.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
    expect([asked.left >= 0, asked.right <= 320]).to.deep.equal([true, true]);
    expect(smallTargets(confirm.shadowRoot!)).to.deep.equal([]);
  });

  it("in Arabic, right to left: the root's profile fits 320 px, is accessible, mirrors, and keeps names and codes left to right", async () => {
    await setViewport({ width: 320, height: 900 });
    registerLocale('ar', ar);
    const server = await inPageServer();
    await server.addSession('root-user', firefox, '2001:db8::1', 3_600_000);
    const { client: root } = await server.enrolled('root-user');
    const frame = await render<HTMLElement>(
      html`<div style="width: 320px" lang="ar"><portcullis-provider locale="ar" dir="rtl" .client=${root}><profile-settings></profile-settings></portcullis-provider></div>`,
    );
    await profileLoaded(frame);
    const profile = frame.querySelector('profile-settings')!;
    expect(overflowing(frame)).to.deep.equal([]);
    expect(smallTargets(frame)).to.deep.equal([]);
    await expect(profile).to.be.accessible();

    const toggle = profile.shadowRoot!.querySelector('mfa-toggle')!;
    expect(getComputedStyle(toggle).direction).to.equal('rtl');
    const track = toggle.shadowRoot!.querySelector('[part=track]')!.getBoundingClientRect();
    const thumb = toggle.shadowRoot!.querySelector('[part=thumb]')!.getBoundingClientRect();
    expect(thumb.left - track.left).to.be.below(track.right - thumb.right, 'on is to the left, right to left');
    expect(toggle.shadowRoot!.querySelector('[part=state]')!.textContent!.trim()).to.equal('مفعّلة');

    const table = profile.shadowRoot!.querySelector('org-policy-table')!;
    const names = [...table.shadowRoot!.querySelectorAll('tbody th bdi')].map((b) => b.textContent);
    expect(names).to.include('alice', 'usernames are isolated (<bdi>)');
    const reset = table.shadowRoot!.querySelector('[part=reset]')!;
    expect(reset.getAttribute('aria-label')).to.equal('إعادة ضبط المصادقة لـ \u2068alice\u2069');
  });

  it('the sign-in form and its MFA step fit 320 px', async () => {
    await setViewport({ width: 320, height: 700 });
    const server = await inPageServer();
    const { client } = await server.enrolled('alice');
    await client.logout();
    const frame = await render<HTMLElement>(
      html`<div style="width: 320px"><login-form .client=${client}></login-form></div>`,
    );
    expect(overflowing(frame)).to.deep.equal([]);
    const form = frame.querySelector('login-form')!;
    const field = (name: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    field('username').value = 'alice';
    field('password').value = password;
    form.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(
      () => Boolean(form.shadowRoot!.querySelector('input[autocomplete="one-time-code"]')),
      5000,
      'the code step',
    );
    expect(overflowing(frame)).to.deep.equal([]);
    expect(smallTargets(frame)).to.deep.equal([]);
  });
});
