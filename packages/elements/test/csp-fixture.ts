// Runs inside /csp/page.html, which is served with a strict Content-Security-Policy (no inline
// script or style). Renders the elements and reports what the page saw to the test.
import '../src/define.ts';
import { createClient } from '@portcullis/sdk';
import { qrCode } from '../src/shared/qr-code.ts';
import { render, html } from 'lit';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) =>
  violations.push(`${event.violatedDirective} ${event.blockedURI}`),
);

const client = createClient({ baseUrl: '/api/v1' });
const root = document.createElement('main');
document.body.append(root);
render(html`<login-form .client=${client}></login-form>`, root);
const form = root.querySelector('login-form')!;
await form.updateComplete;
const qrHost = document.createElement('div');
document.body.append(qrHost);
render(await qrCode('otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP'), qrHost);
await new Promise((resolve) => setTimeout(resolve, 100));
const button = form.shadowRoot!.querySelector('button')!;
parent.postMessage(
  {
    violations,
    heading: form.shadowRoot!.querySelector('h2')?.textContent,
    buttonBackground: getComputedStyle(button).backgroundColor,
    qrPath: Boolean(qrHost.querySelector('svg path')),
  },
  '*',
);
