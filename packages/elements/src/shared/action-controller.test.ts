import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { expectFocusOn, part, whenAnnounced } from '../../test/helpers.ts';
import { ActionController } from './action-controller.ts';

/** A minimal element: one button, something the action changes, and the status. */
class ActionHost extends LitElement {
  action = new ActionController(this, (error) => `It failed: ${(error as Error).message}`);
  shown = 'before';

  protected override render() {
    return html`<button part="go" ?disabled=${this.action.busy}>Go</button>
      <span part="shown">${this.shown}</span>
      <input part="elsewhere" aria-label="elsewhere" />
      ${this.action.renderStatus()}`;
  }
}
customElements.define('action-host', ActionHost);

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ActionController', () => {
  it('keeps the controls busy while the action runs, announces the result only once the reload shows the change, and focuses the result', async () => {
    const el = await fixture<ActionHost>(testHtml`<action-host></action-host>`);
    const answered = deferred();
    const shownAtAnnouncement = whenAnnounced(el, 'Done.', () => part(el, 'shown').textContent);
    const run = el.action.run(
      async () => {
        await answered.promise;
        return 'Done.';
      },
      {
        reload: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          el.shown = 'after';
          el.requestUpdate();
        },
      },
    );
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'go').disabled).to.equal(true, 'busy while running');
    answered.resolve();
    expect(await run).to.equal(true);
    expect(await shownAtAnnouncement).to.equal('after');
    expect(part<HTMLButtonElement>(el, 'go').disabled).to.equal(false);
    expect(part(el, 'status').className).to.equal('success');
    expectFocusOn(part(el, 'status'));
  });

  it("announces a failure in the element's words, with nothing reloaded, and gives the controls back", async () => {
    const el = await fixture<ActionHost>(testHtml`<action-host></action-host>`);
    let reloaded = false;
    const ok = await el.action.run(() => Promise.reject(new Error('no network')), {
      reload: async () => void (reloaded = true),
    });
    expect(ok).to.equal(false);
    expect(reloaded).to.equal(false);
    expect(part(el, 'status').textContent).to.equal('It failed: no network');
    expect(part(el, 'status').className).to.equal('error');
    expect(part<HTMLButtonElement>(el, 'go').disabled).to.equal(false);
    expectFocusOn(part(el, 'status'));
  });

  it('a reload that fails still announces the change that happened', async () => {
    const el = await fixture<ActionHost>(testHtml`<action-host></action-host>`);
    const ok = await el.action.run(async () => 'Saved.', { reload: () => Promise.reject(new Error('offline')) });
    expect(ok).to.equal(true);
    expect(part(el, 'status').textContent).to.equal('Saved.');
  });

  it('moves focus where asked (an element or a selector), or leaves it with null; a new action clears the last result', async () => {
    const el = await fixture<ActionHost>(testHtml`<action-host></action-host>`);
    await el.action.run(async () => 'One.', { focus: '[part=go]' });
    expectFocusOn(part(el, 'go'));
    const elsewhere = part<HTMLInputElement>(el, 'elsewhere');
    await el.action.run(async () => 'Two.', { focus: elsewhere });
    expectFocusOn(elsewhere);
    part(el, 'go').focus();
    const cleared = el.action.run(async () => undefined, { focus: null });
    await el.updateComplete;
    expect(part(el, 'status').textContent).to.equal('', 'the last result is cleared as the next action starts');
    await cleared;
    expectFocusOn(part(el, 'go'));
    expect(part(el, 'status').textContent).to.equal('', 'an action without a result announces nothing');
  });
});
