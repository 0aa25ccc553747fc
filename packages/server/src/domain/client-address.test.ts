import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBucket, normalizeAddress } from './client-address.ts';

test('A5/A6: client addresses are read in the forms proxies write and kept in one canonical form', () => {
  const cases: Array<[string | null | undefined, string | null]> = [
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['[::ffff:192.0.2.1]:80', '192.0.2.1'],
    ['::1', '::1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['fe80::1%eth0', null],
    ['198.51.100.256', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['127.1', null],
    ['0x7f.0.0.1', null],
    ['unknown', null],
    ['<img src=x>', null],
    ['', null],
    [undefined, null],
    [null, null],
  ];
  for (const [text, expected] of cases) assert.equal(normalizeAddress(text), expected, String(text));
});

test('A6: IPv4 counts by address, IPv6 by its /64', () => {
  assert.equal(addressBucket('203.0.113.9'), '203.0.113.9');
  assert.equal(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
  assert.equal(addressBucket('::1'), '::/64');
  assert.equal(addressBucket('2001:db8:1:2::1'), addressBucket('2001:db8:1:2:ffff::9'));
  assert.notEqual(addressBucket('2001:db8:1:2::1'), addressBucket('2001:db8:1:3::1'));
});
