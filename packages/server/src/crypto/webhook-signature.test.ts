import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { webhookSignature } from './webhook-signature.ts';

test('our signatures are the Standard Webhooks ones: the standardwebhooks package makes the same and verifies ours', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const at = new Date(1_700_000_000_000);
  for (const body of ['{"type":"webhook.test"}', '{"a":"ü ∑ \\u0000"}', '']) {
    const ours = webhookSignature(secret, 'msg_42', Math.floor(at.getTime() / 1000), body);
    assert.equal(ours, new Webhook(secret).sign('msg_42', at, body));
  }
  const body = '{"type":"user_created"}';
  const now = new Date();
  const headers = {
    'webhook-id': 'msg_7',
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': webhookSignature(secret, 'msg_7', Math.floor(now.getTime() / 1000), body),
  };
  assert.deepEqual(new Webhook(secret).verify(body, headers), { type: 'user_created' });
  assert.throws(() => new Webhook(secret).verify(`${body} `, headers), 'a changed body fails');
  assert.throws(() => webhookSignature('not-a-secret', 'msg_1', 1, ''));
});
