import { expect } from '@open-wc/testing';
import { defineElement } from './define-elements.ts';
import { MfaToggle } from './mfa-toggle/mfa-toggle.ts';
import { PortcullisConfirmDialog } from './portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { PortcullisReauthDialog } from './portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
import { ProfileSettings } from './profile-settings/profile-settings.ts';

// This page never imports define.ts: only what defineElement registers is there.
describe('defineElement: one element and what it renders (static dependencies)', () => {
  it('registers <mfa-toggle> with its confirmation and re-authentication dialogs, and nothing else', () => {
    defineElement('mfa-toggle');
    expect(customElements.get('mfa-toggle')).to.equal(MfaToggle);
    expect(customElements.get('portcullis-confirm-dialog')).to.equal(PortcullisConfirmDialog);
    expect(customElements.get('portcullis-reauth-dialog')).to.equal(PortcullisReauthDialog);
    for (const other of ['profile-settings', 'passkey-list', 'org-policy-table', 'portcullis-provider']) {
      expect(customElements.get(other), other).to.equal(undefined);
    }
  });

  it('registers <profile-settings> with every feature element it renders, under the prefix; dialogs keep their names', () => {
    defineElement('profile-settings', { prefix: 'acme' });
    expect(customElements.get('acme-profile-settings')).to.equal(ProfileSettings);
    for (const inner of ['passkey-list', 'password-change', 'session-list', 'org-policy-table', 'mfa-reset']) {
      expect(customElements.get(`acme-${inner}`), inner).to.not.equal(undefined);
    }
    expect(customElements.getName(MfaToggle)).to.equal(
      'mfa-toggle',
      'a class is registered once: the first name stays',
    );
    expect(customElements.get('acme-portcullis-confirm-dialog')).to.equal(undefined);
  });
});
