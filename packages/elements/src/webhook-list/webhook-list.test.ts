import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import { de } from '../locales/de.ts';
import type { WebhooksChangeEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import type { WebhookList } from './webhook-list.ts';

const secretDialog = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLDialogElement>('#secret-dialog')!;
/** The test server itself, which answers 404 to a POST there: deliveries get a real answer. */
const receiverUrl = () => `${location.origin}/portcullis-test-receiver`;

describe('<webhook-list>', () => {
  it('adds an endpoint by keyboard and shows its signing secret once; the row says where and what it hears', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const el = await render<WebhookList>(html`<webhook-list .client=${root}></webhook-list>`);
    await until(() => el.shadowRoot!.textContent!.includes('No webhook endpoints yet.'), 3000, 'the empty list');
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'url-input').focus();
    await sendKeys({ type: receiverUrl() });
    const changed = oneEvent(el, 'webhooks-change') as Promise<WebhooksChangeEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.detail.action).to.equal('added');
    expect(JSON.stringify(event.detail)).not.to.contain('whsec_', 'the event never carries the secret');
    await until(() => secretDialog(el).open, 3000, 'the secret dialog');
    const secret = part(el, 'secret').textContent!.trim();
    expect(secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expectFocusOn(part(el, 'copy'));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !secretDialog(el).open, 3000, 'the dialog to close');
    await settle(el);
    expect(el.shadowRoot!.textContent).not.to.contain(secret, 'gone from the page once closed');
    expect(part(el, 'row').querySelector('.url')!.textContent).to.equal(receiverUrl());
    expect(part(el, 'health').textContent).to.equal('On');
    expect(part(el, 'row').querySelector('.details')!.textContent).to.equal('all events');
    expect(part(el, 'status').textContent).to.equal(`The endpoint ${receiverUrl()} was added.`);
  });

  it('sends a test, shows the real try with its answer and the next one, retries, turns off and removes', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    await root.org.createWebhook({ url: receiverUrl(), description: 'CRM sync' });
    const el = await render<WebhookList>(html`<webhook-list .client=${root}></webhook-list>`);
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=test]')), 3000, 'the row');
    part<HTMLButtonElement>(el, 'test').click();
    await until(() => part(el, 'status').textContent!.includes('A test event is on its way'), 3000, 'the test');
    expect(await server.deliverWebhooks()).to.equal(1);

    const toggle = part<HTMLButtonElement>(el, 'toggle-deliveries');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=deliveries]')), 3000, 'the deliveries');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const line = part(el, 'deliveries').querySelector('li')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(line).to.match(/^webhook\.test Waiting · 1 try · last answer 404 · next try (now|in \d+ seconds?) Retry$/);
    await expect(el).to.be.accessible();

    const retry = part<HTMLButtonElement>(el, 'retry');
    retry.click();
    await until(() => part(el, 'status').textContent === 'The delivery will be tried again now.', 3000, 'retry');
    expect(await server.deliverWebhooks()).to.equal(1, 'due again at once');
    await settle(el);

    part<HTMLButtonElement>(el, 'enable').click();
    await until(() => part(el, 'health').textContent === 'Off', 3000, 'turned off');
    expect((await root.org.webhooks())[0]!.enabled).to.equal(false);
    expect(part<HTMLButtonElement>(el, 'test').disabled).to.equal(true, 'no test to an endpoint that is off');

    const remove = part<HTMLButtonElement>(el, 'remove');
    expect(remove.getAttribute('aria-label')).to.equal(`Remove ${receiverUrl()}`);
    remove.click();
    const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
    part<HTMLButtonElement>(dialog, 'confirm').click();
    await until(() => el.shadowRoot!.textContent!.includes('No webhook endpoints yet.'), 3000, 'removed');
    expect(await root.org.webhooks()).to.deep.equal([]);
  });

  it('in German', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    await root.org.createWebhook({ url: receiverUrl(), events: ['user_created'] });
    const el = await render<WebhookList>(html`<webhook-list lang="de" .messages=${de} .client=${root}></webhook-list>`);
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=health]')), 3000, 'the row');
    expect(part(el, 'heading').textContent).to.equal('Webhooks');
    expect(part(el, 'health').textContent).to.equal('An');
    expect(part(el, 'add').textContent).to.equal('Endpunkt hinzufügen');
    expect(part(el, 'row').querySelector('.details')!.textContent).to.equal('user_created');
    await expect(el).to.be.accessible();
  });
});
