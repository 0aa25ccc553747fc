import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  enterPassword,
  enrollFromPage,
  confirmSavedCodes,
  journey,
  newPage,
  operator,
  screenshot,
  signInEnrolling,
  turnOnMfaAndEnroll,
} from './harness.ts';

test('journey 10: the support desk: phone, codes and session lost; the operator resets MFA, and the user links a new device at the next sign-in', async () => {
  const { server, browser, done } = await journey();
  try {
    const page = await newPage(browser);
    await signInEnrolling(page, server.url, 'demo-alice');
    const { secret: lostSecret } = await turnOnMfaAndEnroll(page, server.url, 'demo-alice');
    // Everything is lost: the browser (and its session) with the phone and the codes.
    await page.context().close();

    const reset = operator(server, [
      'reset-mfa',
      '--username',
      'demo-alice',
      '--reason',
      'TICKET-4411 lost phone, codes and session',
    ]);
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /Reset MFA of demo-alice/);

    const fresh = await newPage(browser);
    await fresh.goto(`${server.url}/`);
    await enterPassword(fresh, 'demo-alice');
    const { secret } = await enrollFromPage(fresh);
    assert.notEqual(secret, lostSecret, 'a new device, a new secret');
    await confirmSavedCodes(fresh);
    await fresh.getByText('You have 10 unused recovery codes.').waitFor();
    await screenshot(fresh, 'journey-10');

    const events = operator(server, ['events', '--json', '--since', '1h']);
    const byOperator = events.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((e) => e.type === 'mfa_reset_by_operator');
    assert.deepEqual(
      [byOperator.target, byOperator.reason],
      ['demo-alice', 'TICKET-4411 lost phone, codes and session'],
    );
    assert.match(byOperator.actor, /^operator:/);
  } finally {
    await done();
  }
});
