import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemBody } from '../http/problem.ts';
import { DomainError } from './errors.ts';

test('a DomainError keeps the failure behind it as its cause, for the server alone: the answer never carries it', () => {
  const behind = new Error('the database said: duplicate key value (secret-ish detail)');
  const error = new DomainError('conflict', { detail: 'This passkey is registered already.', cause: behind });
  assert.equal(error.cause, behind);
  const body = JSON.stringify(problemBody(error));
  assert.ok(!body.includes('duplicate key'), body);
  assert.equal(new DomainError('not_found').cause, undefined);
});
