import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { de } from '../locales/de.ts';
import { registerLocale, type PortcullisProvider } from '../portcullis-provider/portcullis-provider.ts';
import type { SessionsChangeEvent } from '../shared/events.ts';
import { expectFocusOn, part, render, settle, until, whenAnnounced } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import type { SessionList } from './session-list.ts';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const rows = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[part~=row]')];

describe('<session-list>', () => {
  it('shows the rule with the configured value, this device, and the other sessions with browser, system, address and last activity', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await server.addSession('alice', firefox, '198.51.100.4', 5 * 60_000);
    await server.addSession('alice', iphone, '203.0.113.8', 3 * 86_400_000);
    const el = await render<SessionList>(html`<session-list .client=${client}></session-list>`);
    await until(() => rows(el).length === 3, 5000, 'the sessions');
    expect(part(el, 'rule').textContent).to.equal('Sessions end after 30 days without activity.');
    const [current, laptop, phone] = rows(el);
    expect(current!.getAttribute('part')).to.equal('row current');
    expect(current!.querySelector('[part=this-device]')!.textContent).to.equal('This device');
    expect(current!.querySelector('[part=sign-out]')).to.equal(null, 'this device signs out from the profile instead');
    expect(laptop!.querySelector('[part=device]')!.textContent).to.equal('Firefox 133 on Linux');
    expect(laptop!.textContent).to.contain('Active 5 minutes ago');
    expect(laptop!.textContent).to.contain('from 198.51.100.4');
    expect(phone!.querySelector('[part=device]')!.textContent).to.equal('Safari 18 on iOS');
    expect(phone!.textContent).to.contain('Active 3 days ago');
    expect(laptop!.querySelector('[part=sign-out]')!.getAttribute('aria-label')).to.equal(
      'Sign out Firefox 133 on Linux, active 5 minutes ago',
    );
    await expect(el).to.be.accessible();
  });

  it('"Sign out" ends that session on the server, says so, and moves focus to the result', async () => {
    const server = await inPageServer();
    const client = await server.client('alice');
    await server.addSession('alice', firefox, '198.51.100.4', 60_000);
    const el = await render<SessionList>(html`<session-list .client=${client}></session-list>`);
    await until(() => rows(el).length === 2, 5000, 'the sessions');
    const button = rows(el)[1]!.querySelector<HTMLButtonElement>('[part=sign-out]')!;
    button.focus();
    const changed = oneEvent(el, 'sessions-change') as Promise<SessionsChangeEvent>;
    const shown = whenAnnounced(el, 'was signed out', () => rows(el).length);
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.revoked).to.equal(1);
    expect(await shown).to.equal(1, 'the row is gone when the result is read out');
    await settle(el);
    expect(part(el, 'status').textContent).to.equal('Firefox 133 on Linux was signed out.');
    expectFocusOn(part(el, 'status'));
    expect((await client.sessions()).length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('"Sign out everywhere else" ends every other session and keeps this one', async () => {
    const server = await inPageServer();
    const client = await server.client('bob');
    await server.addSession('bob', firefox, '198.51.100.4', 60_000);
    await server.addSession('bob', iphone, '203.0.113.8', 120_000);
    const el = await render<SessionList>(html`<session-list .client=${client}></session-list>`);
    await until(() => rows(el).length === 3, 5000, 'the sessions');
    part<HTMLButtonElement>(el, 'sign-out-others').click();
    await until(() => rows(el).length === 1, 5000, 'only this device');
    expect(part(el, 'status').textContent).to.equal('Signed out everywhere else (2).');
    expect(el.shadowRoot!.textContent).to.contain('You are not signed in anywhere else.');
    expect(el.shadowRoot!.querySelector('[part=sign-out-others]')).to.equal(null);
    expect((await client.me()).username).to.equal('bob', 'this session stays');
  });

  it('speaks German and shows the configured idle timeout, whatever it is', async () => {
    const server = await inPageServer({
      settings: { sessionIdleTimeoutMs: 3 * 3_600_000, sessionMaxLifetimeMs: 86_400_000 },
    });
    registerLocale('de', de);
    const provider = await render<PortcullisProvider>(
      html`<portcullis-provider locale="de" lang="de" .client=${await server.client('alice')}><session-list></session-list></portcullis-provider>`,
    );
    const el = provider.querySelector('session-list')!;
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=rule]')), 5000, 'the rule');
    expect(part(el, 'rule').textContent).to.equal('Sitzungen enden nach 3 Stunden ohne Aktivität.');
    expect(part(el, 'this-device').textContent).to.equal('Dieses Gerät');
  });
});
