import { expect } from '@open-wc/testing';

describe('strict Content-Security-Policy', () => {
  it('the elements render and style themselves with no inline script or style allowed', async () => {
    const report = new Promise<{ violations: string[]; heading: string; buttonBackground: string; qrPath: boolean }>(
      (resolve) => window.addEventListener('message', (event) => resolve(event.data), { once: true }),
    );
    const frame = document.createElement('iframe');
    frame.src = '/csp/page.html';
    frame.title = 'CSP test page';
    document.body.append(frame);
    const result = await report;
    frame.remove();
    expect(result.violations).to.deep.equal([]);
    expect(result.heading).to.equal('Sign in');
    expect(result.buttonBackground).to.equal('rgb(11, 92, 173)', 'component styles applied');
    expect(result.qrPath).to.equal(true, 'the QR code renders as SVG');
  });
});
