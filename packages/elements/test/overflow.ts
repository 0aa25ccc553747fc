/**
 * What sticks out sideways: every rendered element, through open shadow roots, whose box goes
 * past the right or left edge of `frame` (reflow at 320 CSS px, WCAG 1.4.10). Described by tag,
 * part or class and text, so a failure says what to fix.
 */
export function overflowing(frame: Element, root: Element | ShadowRoot = frame): string[] {
  const edge = frame.getBoundingClientRect();
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (child.localName === 'style' || child.localName === 'dialog') continue;
      const box = child.getBoundingClientRect();
      if (box.width > 0 && (box.right > edge.right + 0.5 || box.left < edge.left - 0.5)) {
        const label = `<${child.localName}${child.getAttribute('part') ? ` part=${child.getAttribute('part')}` : ''}${child.className && typeof child.className === 'string' ? ` class=${child.className}` : ''}>`;
        found.push(
          `${label} ${Math.round(box.left - edge.left)}…${Math.round(box.right - edge.left)} px: "${(child.textContent ?? '').trim().slice(0, 40)}"`,
        );
      }
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Buttons, links and inputs smaller than 24 × 24 CSS px (WCAG 2.5.8), through shadow roots. */
export function smallTargets(root: Element | ShadowRoot): string[] {
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (['button', 'a', 'input', 'select'].includes(child.localName)) {
        const box = child.getBoundingClientRect();
        if (box.width > 0 && (box.width < 24 || box.height < 24))
          found.push(
            `<${child.localName}> ${Math.round(box.width)}×${Math.round(box.height)}: "${(child.textContent ?? '').trim().slice(0, 30)}"`,
          );
      }
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  visit(root);
  return found;
}
