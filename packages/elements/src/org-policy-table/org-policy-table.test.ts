import { expect, html, oneEvent } from '@open-wc/testing';
import { isPortcullisError } from '@portcullis/sdk';
import { createMemoryStore } from '@portcullis/server';
import { sendKeys } from '@web/test-runner-commands';
import '../define.ts';
import type { OrgPolicyChangeEvent, SubuserMfaResetEvent, SubuserSignOutEvent } from '../shared/events.ts';
import { expectFocusOn, openDialog, part, render, settle, until, whenAnnounced } from '../../test/helpers.ts';
import { inPageServer } from '../../test/in-page-server.ts';
import { addVirtualAuthenticator, removeVirtualAuthenticators } from '../../test/virtual-authenticator.ts';
import type { OrgPolicyTable } from './org-policy-table.ts';

const rows = (el: HTMLElement) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

async function answer(el: HTMLElement, which: 'confirm' | 'cancel') {
  const dialog = await openDialog(el, 'portcullis-confirm-dialog', 2000);
  return { dialog, click: () => part<HTMLButtonElement>(dialog, which).click() };
}

describe('<org-policy-table>', () => {
  it('shows the users with MFA state and last activity; enforcing asks first and says it binds root too', async () => {
    const server = await inPageServer();
    const alice = await server.client('alice');
    await alice.setMfaEnabled(true);
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => rows(el).length === 3, 5000, 'the users');
    expect(rows(el).map((r) => r.slice(0, 2))).to.deep.equal([
      ['alice', 'On, not set up'],
      ['bob', 'Off'],
      ['root-user root user', 'Off'],
    ]);
    expect(rows(el)[1]![2]).to.equal('Never');
    expect(el.shadowRoot!.querySelectorAll('[part=reset]')).to.have.length(2, 'no reset button for root');
    await expect(el).to.be.accessible();

    const box = part<HTMLInputElement>(el, 'enforce');
    box.focus();
    await sendKeys({ press: 'Space' });
    const { dialog, click } = await answer(el, 'confirm');
    expect(dialog.shadowRoot!.textContent).to.contain('including you as the root user');
    expect(dialog.shadowRoot!.textContent).to.contain(
      'Everyone signed in without MFA is signed out now; this session of yours stays.',
    );
    expect(box.checked).to.equal(false, 'nothing changes before the answer');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'org-policy-change') as Promise<OrgPolicyChangeEvent>;
    const shown = whenAnnounced(el, 'MFA is now enforced', () => rows(el)[1]![1]);
    click();
    expect((await changed).detail.policy.enforceMfa).to.equal(true);
    expect(await shown).to.equal('On, not set up', "the table shows bob's new state when the result is read out");
    await settle(el);
    expect(box.checked).to.equal(true);
    expectFocusOn(box);
    expect(part(el, 'status').textContent).to.equal(
      'MFA is now enforced for every user. Those signed in without MFA were signed out.',
    );
    let aliceSignedOut = false;
    await alice.me().catch((error) => (aliceSignedOut = isPortcullisError(error, 'unauthenticated')));
    expect(aliceSignedOut).to.equal(true, "alice's password-only session ended");
    expect(rows(el)[1]![1]).to.equal('On, not set up', 'bob is now required');
  });

  it("resets a subuser's MFA after confirmation; the subuser is signed out", async () => {
    const server = await inPageServer();
    const { client: bob } = await server.enrolled('bob');
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    const button = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=reset]')[1]!;
    expect(button.getAttribute('aria-label')).to.equal('Reset MFA for bob');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const { dialog, click } = await answer(el, 'confirm');
    expect(dialog.shadowRoot!.textContent).to.contain('bob is signed out everywhere');
    const reset = oneEvent(el, 'subuser-mfa-reset') as Promise<SubuserMfaResetEvent>;
    const bobRow = () => rows(el).find((row) => row[0] === 'bob')!;
    expect(bobRow()[1]).to.equal('On, set up');
    const shown = whenAnnounced(el, 'MFA was reset for bob.', () => bobRow()[1]);
    click();
    expect((await reset).detail.user.username).to.equal('bob');
    expect(await shown).to.equal('On, not set up', "the table shows bob's new state when the result is read out");
    await settle(el);
    expect(part(el, 'status').textContent).to.equal('MFA was reset for bob.');
    let signedOut = false;
    await bob.me().catch((error) => (signedOut = isPortcullisError(error, 'unauthenticated')));
    expect(signedOut).to.equal(true);
  });

  it('"Sign out everywhere" for a subuser, after confirmation: every session of theirs ends', async () => {
    const server = await inPageServer();
    const bob = await server.client('bob');
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    const button = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=sign-out]')[1]!;
    expect(button.getAttribute('aria-label')).to.equal('Sign out everywhere: bob');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const { dialog, click } = await answer(el, 'confirm');
    expect(dialog.shadowRoot!.textContent).to.contain('Every session of bob ends now');
    const signedOut = oneEvent(el, 'subuser-sign-out') as Promise<SubuserSignOutEvent>;
    click();
    const event = await signedOut;
    expect([event.detail.user.username, event.detail.revoked]).to.deep.equal(['bob', 1]);
    await settle(el);
    expect(part(el, 'status').textContent).to.equal('bob was signed out everywhere (1).');
    expectFocusOn(button);
    let ended = false;
    await bob.me().catch((error) => (ended = isPortcullisError(error, 'unauthenticated')));
    expect(ended).to.equal(true);
  });

  it('searches and pages on the server, smoothly with 10,000 subusers', async () => {
    const server = await inPageServer();
    await server.createUsers(10_000);
    const root = await server.client('root-user');
    const started = performance.now();
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => rows(el).length === 25, 5000, 'the first page');
    const firstPage = performance.now() - started;
    expect(rows(el)[0]![0]).to.equal('alice');
    const next = [...part(el, 'pager').querySelectorAll('button')][1]!;
    next.click();
    await until(() => rows(el)[0]![0] !== 'alice', 5000, 'the second page');
    expect(part(el, 'pager').textContent).to.contain('Page 2');
    const search = part<HTMLInputElement>(el, 'search');
    search.focus();
    await sendKeys({ type: 'user-0999' });
    await until(() => rows(el).length === 10 && rows(el)[0]![0] === 'user-09990', 5000, 'search results');
    expect(part(el, 'pager').textContent).to.contain('Page 1');
    expect(el.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(10, 'only one page of rows is in the DOM');
    console.log(`first page of 10,000 users in ${firstPage.toFixed(0)} ms`);
  });

  it('renders usernames as text, never as HTML', async () => {
    const store = createMemoryStore();
    const server = await inPageServer({ store });
    const root = (await store.findUserByUsername('root-user'))!;
    const evil = '<img src=x onerror="window.hacked=1">';
    await store.createUser(
      { ...root, id: 'usr_evil', username: evil, role: 'subuser' },
      {
        orgId: root.orgId,
        type: 'user_created',
        at: Date.now(),
        actorId: null,
        actorUsername: null,
        targetId: null,
        targetUsername: null,
        clientAddress: null,
        reason: null,
      },
    );
    const el = await render<OrgPolicyTable>(
      html`<org-policy-table .client=${await server.client('root-user')}></org-policy-table>`,
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(rows(el).some((r) => r[0] === evil)).to.equal(true);
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('the compliance view: how many members have no second factor, and a filter to show only them', async () => {
    const server = await inPageServer();
    await server.enrolled('alice');
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => part(el, 'summary').textContent!.includes('members'), 5000, 'the summary');
    expect(part(el, 'summary').querySelector('p')!.textContent).to.equal('2 of 3 members have no second factor.');
    const filter = part<HTMLInputElement>(el, 'only-without');
    filter.focus();
    await sendKeys({ press: 'Space' });
    await until(() => rows(el).length === 2, 5000, 'the filtered list');
    expect(rows(el).map((r) => r[0])).to.deep.equal(['bob', 'root-user root user']);
    await expect(el).to.be.accessible();

    // A reset here moves the count: alice is back among those without a factor.
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=reset]')!;
    expect(button.getAttribute('aria-label')).to.equal('Reset MFA for bob');
    filter.click();
    await until(() => rows(el).length === 3, 5000, 'everyone again');
    const aliceReset = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=reset]')[0]!;
    aliceReset.click();
    (await answer(el, 'confirm')).click();
    await until(
      () => part(el, 'summary').querySelector('p')?.textContent === '3 of 3 members have no second factor.',
      5000,
      'the summary after the reset',
    );
  });

  it('a subuser sees only a short note', async () => {
    const server = await inPageServer();
    const el = await render<OrgPolicyTable>(
      html`<org-policy-table .client=${await server.client('alice')}></org-policy-table>`,
    );
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('org-api-keys')).to.equal(null, 'never the API keys');
    expect(part(el, 'note').textContent).to.equal("These settings belong to your organization's root user.");
    await expect(el).to.be.accessible();
  });

  it('cancelling the policy change leaves it as it was', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    part<HTMLInputElement>(el, 'enforce').click();
    (await answer(el, 'cancel')).click();
    await settle(el);
    expect(part<HTMLInputElement>(el, 'enforce').checked).to.equal(false);
    expect((await root.org.policy()).enforceMfa).to.equal(false);
  });

  it('enforcing with a deadline: the date goes with the checkbox, nobody is signed out, and the summary says from when', async () => {
    const server = await inPageServer();
    const alice = await server.client('alice');
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => rows(el).length === 3, 5000, 'the users');
    const field = part<HTMLInputElement>(el, 'deadline');
    expect(field.type).to.equal('date');
    const day = new Date(Date.now() + 30 * 86_400_000);
    const value = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    field.value = value;
    part<HTMLInputElement>(el, 'enforce').click();
    const { dialog, click } = await answer(el, 'confirm');
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(`${value}T00:00`));
    expect(dialog.shadowRoot!.textContent).to.contain(`Members without one are reminded until ${date}`);
    expect(dialog.shadowRoot!.textContent).to.contain('Nobody is signed out now.');
    const changed = oneEvent(el, 'org-policy-change') as Promise<OrgPolicyChangeEvent>;
    click();
    expect((await changed).detail.policy.mfaDeadline).to.equal(
      new Date(`${value}T00:00`).toISOString(),
      'local midnight',
    );
    await settle(el);
    await until(() => part(el, 'status').textContent!.includes(date), 3000, 'the result');
    expect(part(el, 'status').textContent).to.equal(
      `MFA is now enforced. Members without a second factor have until ${date}.`,
    );
    expect(part(el, 'summary').textContent).to.contain(`A second factor is required from ${date}.`);
    expect((await alice.me()).mfa.requiredFrom).to.equal(
      new Date(`${value}T00:00`).toISOString(),
      'alice is still signed in',
    );
    expectFocusOn(part(el, 'enforce'));
    await expect(el).to.be.accessible();
  });

  it('a date that cannot be a deadline is said at the field and changes nothing; clearing the deadline asks first', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => Boolean(el.shadowRoot!.querySelector('[part=deadline]')), 5000, 'the form');
    const field = part<HTMLInputElement>(el, 'deadline');
    const today = new Date();
    field.value = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    part<HTMLInputElement>(el, 'enforce').click();
    await settle(el);
    expect(part(el, 'deadline-error').textContent).to.equal('Choose a date from tomorrow to one year ahead.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expectFocusOn(field);
    expect(
      el.shadowRoot!.querySelector('portcullis-confirm-dialog')!.shadowRoot!.querySelector('dialog[open]'),
    ).to.equal(null);
    expect((await root.org.policy()).enforceMfa).to.equal(false, 'nothing changed');

    const deadline = new Date(server.clock.now() + 10 * 86_400_000).toISOString();
    await root.org.setPolicy({ enforceMfa: true, mfaDeadline: deadline });
    const table = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => part<HTMLInputElement>(table, 'deadline').value !== '', 5000, 'the deadline shown');
    part<HTMLInputElement>(table, 'deadline').value = '';
    part<HTMLButtonElement>(table, 'save-deadline').click();
    const { dialog, click } = await answer(table, 'confirm');
    expect(dialog.shadowRoot!.textContent).to.contain('Enforce MFA at once?');
    click();
    await until(
      () =>
        part(table, 'status').textContent ===
        'MFA is now enforced for every user. Those signed in without MFA were signed out.',
      3000,
      'the result',
    );
    expect((await root.org.policy()).mfaDeadline).to.equal(null);
  });

  it('"Passkeys only" needs a root passkey first, says so at once, then asks and sets the level', async () => {
    const server = await inPageServer();
    const root = await server.client('root-user');
    const deadline = new Date(server.clock.now() + 30 * 86_400_000).toISOString();
    await root.org.setPolicy({ enforceMfa: true, mfaDeadline: deadline });
    const el = await render<OrgPolicyTable>(html`<org-policy-table .client=${root}></org-policy-table>`);
    await until(() => part<HTMLInputElement>(el, 'passkeys-only').disabled === false, 5000, 'enforced');
    const box = part<HTMLInputElement>(el, 'passkeys-only');
    expect(box.labels![0]!.textContent!.trim()).to.equal('Passkeys only (phishing-resistant)');
    box.click();
    (await answer(el, 'confirm')).click();
    await until(() => part(el, 'status').textContent !== '', 3000, 'the refusal');
    expect(part(el, 'status').textContent).to.equal(
      'Add a passkey to your own account first (under Passkeys), so you can still sign in.',
    );
    expect(box.checked).to.equal(false);
    expect((await root.org.policy()).phishingResistant).to.equal(false);
    await expect(el).to.be.accessible();

    await addVirtualAuthenticator();
    try {
      await root.addPasskey('Root key');
    } finally {
      await removeVirtualAuthenticators();
    }
    box.click();
    const { dialog, click } = await answer(el, 'confirm');
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(deadline));
    expect(dialog.shadowRoot!.textContent).to.contain(`From ${date}, members without a passkey must create one`);
    click();
    await until(() => part(el, 'status').textContent === 'Only passkeys count as a second factor now.', 3000, 'set');
    expect(box.checked).to.equal(true);
    expect(await root.org.policy()).to.include({ enforceMfa: true, mfaDeadline: deadline, phishingResistant: true });
  });
});
