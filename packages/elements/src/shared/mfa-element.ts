import { Task } from '@lit/task';
import type { Me, MfaState } from '@portcullis/sdk';
import { html, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { ActionController } from './action-controller.ts';
import { PortcullisElement } from './portcullis-element.ts';

/**
 * What `<mfa-toggle>` and `<mfa-reset>` share: the person's MFA state (from `.me` or loaded),
 * the running change and its result, and a confirmation dialog.
 */
export class MfaElement extends PortcullisElement {
  /** The signed-in user, when the host already has it; otherwise the element loads it. */
  @property({ attribute: false }) me: Me | undefined;

  @state() protected mfa: MfaState | undefined;
  /** The signed-in username, for the authenticator app's account name. */
  protected username = '';
  /** The running change, its result and where focus goes after it. */
  protected action = new ActionController(this, (error) => this.errorText(error));
  @query('portcullis-confirm-dialog') protected confirmDialog!: PortcullisConfirmDialog;

  private load = new Task(this, {
    task: async ([given]) => {
      const me = given ?? (await this.loadMe());
      this.mfa = me.mfa;
      this.username = me.username;
      return me;
    },
    args: () => [this.me, this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  /** The loading message, the error, or `content` with the current MFA state. */
  protected renderWithMfa(content: (mfa: MfaState) => TemplateResult): unknown {
    return this.load.render({
      pending: () => (this.mfa ? content(this.mfa) : html`<p class="muted">${this.t('loading')}</p>`),
      complete: () => (this.mfa ? content(this.mfa) : null),
      error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
    });
  }
}
