import { expect } from '@open-wc/testing';
import { PortcullisError, type PortcullisErrorCode } from '@portcullis/sdk';
import { passwordRuleCodes, problemCodes } from '@portcullis/sdk/contract';
import { ar } from '../locales/ar.ts';
import { de } from '../locales/de.ts';
import { en } from '../locales/en.ts';
import { fr } from '../locales/fr.ts';
import { errorMessage, format } from './translate.ts';

const codes: PortcullisErrorCode[] = [...problemCodes, 'network', 'timeout', 'invalid_response'];

describe('messages', () => {
  it('every error code has its own message in every shipped locale', () => {
    for (const messages of [en, de, fr, ar]) {
      const texts = codes.map((code) => errorMessage(messages, new PortcullisError(code, 'x', { retryAfter: 7 })));
      expect(new Set(texts).size).to.equal(codes.length, 'no two codes share a message');
      expect(texts[codes.indexOf('rate_limited')]).to.contain('7');
    }
  });

  it('every password rule has a message, and every locale translates every English key', () => {
    for (const rule of passwordRuleCodes) expect(en[`rule.${rule}`]).to.be.a('string');
    // Plural forms (`key#one`) are each language's own; every plain key is in every locale.
    const plain = (messages: object) =>
      Object.keys(messages)
        .filter((key) => !key.includes('#'))
        .sort();
    for (const messages of [de, fr, ar]) {
      expect(plain(messages)).to.deep.equal(plain(en));
      for (const [key, text] of Object.entries(messages)) expect(text, key).to.not.equal('');
    }
  });

  it('an unknown error is never shown raw', () => {
    expect(errorMessage(en, new Error('<b>SQL</b> failed'))).to.equal(en['error.invalid_response']);
    expect(format('Wait {seconds} s, {name}', { seconds: 3 })).to.equal('Wait 3 s, {name}');
  });
});
