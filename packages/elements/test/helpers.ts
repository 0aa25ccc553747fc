import { deepActiveElement } from '../src/shared/focus.ts';
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

/** Renders a template and waits for the element and its first data to settle. */
export async function render<T extends HTMLElement>(template: TemplateResult): Promise<T> {
  const element = await fixture<T>(template);
  await settle(element);
  return element;
}

/** Waits for Lit updates and pending server calls (the in-page server answers in microtasks and ms). */
export async function settle(element: HTMLElement, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** Finds an element inside the element's shadow root by `part`. */
export function part<T extends Element = HTMLElement>(element: HTMLElement, name: string): T {
  const found = element.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no [part=${name}] in <${element.localName}>`);
  return found;
}

/**
 * Waits until a condition holds, checking every 20 ms, for at most `ms`. A condition that throws
 * (a part not rendered yet) counts as not holding yet; at the end its last error is reported.
 */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (condition()) return;
    } catch (error) {
      last = error;
    }
    if (performance.now() > end)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Fails with a short message (chai would try to print whole DOM nodes) unless `element` has focus. */
export function expectFocusOn(element: Element): void {
  const active = deepActiveElement();
  if (active !== element) {
    const describe = (e: Element | null) =>
      e ? `<${e.localName}${e.getAttribute('part') ? ` part=${e.getAttribute('part')}` : ''}>` : 'nothing';
    throw new Error(`expected focus on ${describe(element)}, but it is on ${describe(active)}`);
  }
}

/**
 * What `probe` sees in the very render that first shows `text` in the element's status: whether
 * what is read out and what is shown agree at that moment (polling could miss the moment).
 */
export function whenAnnounced<T>(element: HTMLElement, text: string, probe: () => T, ms = 5000): Promise<T> {
  const root = element.shadowRoot!;
  return new Promise<T>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!root.querySelector('[part=status]')?.textContent?.includes(text)) return;
      observer.disconnect();
      clearTimeout(timer);
      try {
        resolve(probe());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for the announcement "${text}"`));
    }, ms);
  });
}

/** Waits until the dialog element `tag` inside `host`'s shadow root is open, and returns it. */
export async function openDialog(
  host: HTMLElement,
  tag: 'portcullis-confirm-dialog' | 'portcullis-reauth-dialog',
  ms = 3000,
): Promise<HTMLElement> {
  const find = () => host.shadowRoot!.querySelector<HTMLElement>(tag);
  await until(() => Boolean(find()?.shadowRoot?.querySelector('dialog')?.open), ms, `the open ${tag}`);
  return find()!;
}
