import { Task } from '@lit/task';
import {
  isPortcullisError,
  type Me,
  type OrgMfaSummary,
  type OrgPolicy,
  type OrgUser,
  type OrgUsersPage,
} from '@portcullis/sdk';
import { html } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { tagOf } from '../shared/tag-of.ts';
import { property, query, state } from 'lit/decorators.js';
import { PortcullisConfirmDialog } from '../portcullis-confirm-dialog/portcullis-confirm-dialog.ts';
import { ActionController } from '../shared/action-controller.ts';
import { OrgPolicyChangeEvent, SubuserMfaResetEvent, SubuserSignOutEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { tokens } from '../shared/styles.ts';
import { orgPolicyTableStyles } from './org-policy-table.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';
import { OrgApiKeys } from '../org-api-keys/org-api-keys.ts';
import { WebhookList } from '../webhook-list/webhook-list.ts';

const pageSize = 25;
const searchDelayMs = 250;
const dayMs = 86_400_000;
/** The furthest deadline the server takes (`maxMfaDeadlineDays` in the contract). */
const maxDeadlineDays = 365;

/** A time as the value of a date field: its day where the page is. */
const localDay = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * The organization policies, for the root user: the "enforce MFA" checkbox with its deadline
 * (members without a second factor are reminded until then; empty: at their next sign-in), the
 * compliance summary, and the users with
 * their MFA state and last activity, each with "Reset MFA" and "Sign out everywhere"; then the
 * organization's API keys (`<org-api-keys>`) and webhook endpoints (`<webhook-list>`). Search and paging happen on the server, so ten
 * thousand users page as fast as ten. A subuser sees only a note, and never the keys.
 *
 * @summary The root user's MFA policy and users table.
 * @customElement org-policy-table
 * @fires org-policy-change - After the policy changed; `detail.policy` is the new policy.
 * @fires subuser-mfa-reset - After a subuser's MFA was reset; `detail.user` is the updated user.
 * @fires subuser-sign-out - After a subuser was signed out everywhere; `detail.revoked` is how many sessions ended.
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart enforce - The "enforce MFA" checkbox.
 * @csspart deadline - The date field of the MFA deadline (empty: none).
 * @csspart save-deadline - The button that saves the deadline.
 * @csspart deadline-error - Why the date in the field cannot be the deadline.
 * @csspart passkeys-only - The "Passkeys only (phishing-resistant)" checkbox (while MFA is enforced).
 * @csspart search - The search input.
 * @csspart table - The users table.
 * @csspart row - Each user's row.
 * @csspart reset - Each row's "Reset MFA" button.
 * @csspart sign-out - Each row's "Sign out everywhere" button.
 * @csspart pager - The paging buttons.
 * @csspart status - The live region announcing results and errors.
 * @csspart note - The note a subuser sees instead.
 * @csspart api-keys - The API keys section (`<org-api-keys>`).
 * @csspart webhooks - The webhooks section (`<webhook-list>`).
 * @csspart summary - How many members have no second factor, and the filter to show only them.
 * @csspart only-without - The "only members without a second factor" checkbox.
 * @cssprop --portcullis-border - Colour of table rules.
 */
export class OrgPolicyTable extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = {
    'portcullis-confirm-dialog': PortcullisConfirmDialog,
    'portcullis-reauth-dialog': PortcullisReauthDialog,
    'org-api-keys': OrgApiKeys,
    'webhook-list': WebhookList,
  };

  static override styles = [tokens, orgPolicyTableStyles];

  /** The signed-in user, when the host already has it; otherwise the element loads it. */
  @property({ attribute: false }) me: Me | undefined;

  @state() private search = '';
  /** Only the members without a second factor (the compliance filter). */
  @state() private onlyWithout = false;
  @state() private cursors: Array<string | undefined> = [undefined];
  @state() private policy: OrgPolicy | undefined;
  private action = new ActionController(this, (error) => this.policyErrorText(error));
  @query('portcullis-confirm-dialog') private confirmDialog!: PortcullisConfirmDialog;
  @query('#deadline') private deadlineInput?: HTMLInputElement | null;
  /** Why the date in the deadline field cannot be saved; empty when it can. */
  @state() private deadlineError = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  private who = new Task(this, {
    task: async ([given]) => {
      const me = given ?? (await this.loadMe());
      if (me.role === 'root') this.policy = await this.api.org.policy();
      return me;
    },
    args: () => [this.me, this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  private users = new Task(this, {
    task: async ([role, q, cursor, onlyWithout]): Promise<OrgUsersPage | undefined> => {
      if (role !== 'root') return undefined;
      return this.api.org.users({
        limit: pageSize,
        ...(q ? { q } : {}),
        ...(cursor ? { cursor } : {}),
        ...(onlyWithout ? { mfa: 'none' as const } : {}),
      });
    },
    args: () => [this.who.value?.role, this.search, this.cursors.at(-1), this.onlyWithout] as const,
  });

  /** The compliance view: how many members have no second factor yet (#30). */
  private summary = new Task(this, {
    task: async ([role]): Promise<OrgMfaSummary | undefined> =>
      role === 'root' ? this.api.org.mfaSummary() : undefined,
    args: () => [this.who.value?.role, this.sessionGeneration] as const,
  });

  /** Shows the table and the summary again after a change to someone's factors. */
  private reloadUsers() {
    return Promise.all([this.users.run(), this.summary.run()]);
  }

  private onOnlyWithout(event: Event) {
    this.onlyWithout = (event.target as HTMLInputElement).checked;
    this.cursors = [undefined];
  }

  private onSearch(event: InputEvent) {
    const value = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.search = value;
      this.cursors = [undefined];
    }, searchDelayMs);
  }

  /**
   * The deadline the date field asks for: the start of that day where the root is, or null when
   * the field is empty. A day that cannot be one (past, today, more than a year ahead) is said at
   * the field and answers `undefined`. The deadline already set is sent back as it is, also once
   * it has passed, so saving the policy again never fails on it.
   */
  private chosenDeadline(): string | null | undefined {
    const day = this.deadlineInput?.value ?? '';
    if (!day) return null;
    const current = this.policy?.mfaDeadline;
    if (current && localDay(Date.parse(current)) === day) return current;
    const at = new Date(`${day}T00:00`).getTime();
    const now = Date.now();
    if (!(at > now) || at > now + maxDeadlineDays * dayMs) {
      this.deadlineError = this.t('org.deadlineRange');
      return undefined;
    }
    this.deadlineError = '';
    return new Date(at).toISOString();
  }

  private dateText(iso: string): string {
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'long' }).format(new Date(iso));
  }

  private async onEnforce(event: Event) {
    const box = event.target as HTMLInputElement;
    const enforce = box.checked;
    box.checked = !enforce; // nothing changes until confirmed
    const deadline = enforce ? this.chosenDeadline() : null;
    if (deadline === undefined) {
      this.deadlineInput?.focus();
      return;
    }
    const confirmed = await this.confirmDialog.confirm({
      title: this.t(enforce ? 'org.enforceTitle' : 'org.liftTitle'),
      body: deadline
        ? this.t('org.enforceDeadlineBody', { date: this.dateText(deadline) })
        : this.t(enforce ? 'org.enforceBody' : 'org.liftBody'),
      confirmLabel: this.t(enforce ? 'org.enforceConfirm' : 'org.liftConfirm'),
      cancelLabel: this.t('cancel'),
      danger: !enforce,
    });
    if (!confirmed) return;
    await this.savePolicy(enforce, deadline, box);
  }

  /** Saves the deadline of the enforced policy; clearing it enforces at once, so that asks first. */
  private async onSaveDeadline(event: SubmitEvent) {
    event.preventDefault();
    const deadline = this.chosenDeadline();
    if (deadline === undefined) {
      this.deadlineInput?.focus();
      return;
    }
    if (deadline === null && this.policy?.mfaDeadline) {
      const confirmed = await this.confirmDialog.confirm({
        title: this.t('org.noDeadlineTitle'),
        body: this.t('org.enforceBody'),
        confirmLabel: this.t('org.enforceConfirm'),
        cancelLabel: this.t('cancel'),
        danger: true,
      });
      if (!confirmed) return;
    }
    await this.savePolicy(true, deadline, this.deadlineInput ?? null);
  }

  /**
   * "Passkeys only (phishing-resistant)": asks first, saying who must create a passkey and when;
   * the deadline and enforcement stay as they are.
   */
  private async onPasskeysOnly(event: Event) {
    const box = event.target as HTMLInputElement;
    const on = box.checked;
    box.checked = !on; // nothing changes until confirmed
    const deadline = this.policy?.mfaDeadline ?? null;
    const confirmed = await this.confirmDialog.confirm({
      title: this.t(on ? 'org.passkeysOnlyTitle' : 'org.passkeysOnlyOffTitle'),
      body: on
        ? deadline && Date.parse(deadline) > Date.now()
          ? this.t('org.passkeysOnlyDeadlineBody', { date: this.dateText(deadline) })
          : this.t('org.passkeysOnlyBody')
        : this.t('org.passkeysOnlyOffBody'),
      confirmLabel: this.t(on ? 'org.passkeysOnlyConfirm' : 'org.passkeysOnlyOffConfirm'),
      cancelLabel: this.t('cancel'),
      danger: on,
    });
    if (!confirmed) return;
    await this.savePolicy(true, deadline, box, on);
  }

  /**
   * Sets the policy, whole (the server replaces it): the level stays as it is unless given, and
   * goes with enforcement. The table shows everyone's new MFA state before the result is announced.
   */
  private async savePolicy(
    enforce: boolean,
    deadline: string | null,
    focus: HTMLElement | null,
    passkeysOnly = this.policy?.phishingResistant ?? false,
  ) {
    const levelChanged = enforce && passkeysOnly !== (this.policy?.phishingResistant ?? false);
    await this.action.run(
      async () => {
        this.policy = await this.perform(() =>
          this.api.org.setPolicy(
            enforce
              ? { enforceMfa: true, mfaDeadline: deadline, phishingResistant: passkeysOnly }
              : { enforceMfa: false },
          ),
        );
        this.dispatchEvent(new OrgPolicyChangeEvent({ policy: this.policy }));
        if (!enforce) return this.t('org.lifted');
        if (levelChanged) return this.t(passkeysOnly ? 'org.passkeysOnlyOn' : 'org.passkeysOnlyOff');
        return deadline
          ? this.t('org.enforcedWithDeadline', { date: this.dateText(deadline) })
          : this.t('org.enforced');
      },
      { reload: () => this.reloadUsers(), focus },
    );
  }

  /** Passkeys only refused for want of a root passkey says what to do, not just "conflict". */
  private policyErrorText(error: unknown): string {
    if (isPortcullisError(error, 'conflict') && error.errors.some((e) => e.code === 'no_root_passkey'))
      return this.t('org.passkeysOnlyNeedsRootKey');
    return this.errorText(error);
  }

  private async resetUser(user: OrgUser, button: HTMLButtonElement) {
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('org.resetTitle', { username: user.username }),
      body: this.t('org.resetBody', { username: user.username }),
      confirmLabel: this.t('org.resetButton'),
      cancelLabel: this.t('cancel'),
      danger: true,
    });
    if (!confirmed) return;
    await this.action.run(
      async () => {
        const updated = await this.perform(() => this.api.org.resetUserMfa(user.id));
        this.dispatchEvent(new SubuserMfaResetEvent({ user: updated }));
        return this.t('org.resetDone', { username: updated.username });
      },
      { reload: () => this.reloadUsers(), focus: button },
    );
  }

  private async signOutUser(user: OrgUser, button: HTMLButtonElement) {
    const confirmed = await this.confirmDialog.confirm({
      title: this.t('org.signOutTitle', { username: user.username }),
      body: this.t('org.signOutBody', { username: user.username }),
      confirmLabel: this.t('org.signOutButton'),
      cancelLabel: this.t('cancel'),
      danger: true,
    });
    if (!confirmed) return;
    await this.action.run(
      async () => {
        const revoked = await this.perform(() => this.api.org.revokeUserSessions(user.id));
        this.dispatchEvent(new SubuserSignOutEvent({ user, revoked }));
        return this.t('org.signedOut', { username: user.username, count: revoked });
      },
      { focus: button },
    );
  }

  private mfaLabel(user: OrgUser): string {
    if (!user.mfa.required) return this.t('org.mfaOff');
    return this.t(user.mfa.configured ? 'org.mfaOn' : 'org.mfaPending');
  }

  private when(iso: string | null): string {
    if (!iso) return this.t('org.never');
    return new Intl.DateTimeFormat(this.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  protected override render() {
    return html`${this.who.render({
      pending: () => html`<p class="muted">${this.t('loading')}</p>`,
      complete: (me) =>
        me.role === 'root'
          ? this.renderPolicies()
          : html`<p part="note" class="muted">${this.t('org.subuserNote')}</p>`,
      error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
    })}
      <portcullis-confirm-dialog></portcullis-confirm-dialog>`;
  }

  private renderPolicies() {
    const page = this.cursors.length;
    return html`<section aria-labelledby="org-heading" class="stack">
      <h3 part="heading" id="org-heading">${this.t('org.title')}</h3>
      <label class="check">
        <input part="enforce" type="checkbox" .checked=${this.policy?.enforceMfa ?? false} ?disabled=${this.action.busy} @change=${this.onEnforce} />
        ${this.t('org.enforce')}
      </label>
      ${this.renderDeadline()}
      <label class="check">
        <input part="passkeys-only" type="checkbox" aria-describedby="passkeys-only-hint" .checked=${this.policy?.phishingResistant ?? false}
          ?disabled=${this.action.busy || !this.policy?.enforceMfa} @change=${this.onPasskeysOnly} />
        ${this.t('org.passkeysOnly')}
      </label>
      <p id="passkeys-only-hint" class="muted hint">${this.t('org.passkeysOnlyHint')}</p>
      ${this.action.renderStatus()}
      ${this.renderSummary()}
      <label>${this.t('org.search')}
        <input part="search" type="search" autocomplete="off" spellcheck="false" @input=${this.onSearch} />
      </label>
      ${this.users.render({
        pending: () => this.renderTable(this.users.value, true),
        complete: (result) => this.renderTable(result, false),
        error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
      })}
      <div part="pager" class="actions">
        <button type="button" class="secondary" ?disabled=${page === 1} @click=${() => (this.cursors = this.cursors.slice(0, -1))}>${this.t('org.previous')}</button>
        <span>${this.t('org.page', { page })}</span>
        <button type="button" class="secondary" ?disabled=${!this.users.value?.nextCursor}
          @click=${() => (this.cursors = [...this.cursors, this.users.value?.nextCursor ?? undefined])}>${this.t('org.next')}</button>
      </div>
    </section>
    ${this.renderApiKeys()}
    ${this.renderWebhooks()}`;
  }

  /** By the tag it was registered under (prefixed where the host asked for a prefix). */
  private renderApiKeys() {
    const keys = tagOf(OrgApiKeys, 'org-api-keys');
    return staticHtml`<${keys} part="api-keys" .client=${this.client} .messages=${this.messages}></${keys}>`;
  }

  /**
   * The deadline: a date field (empty: none), saved with the checkbox when enforcing, or on its
   * own while enforced. A date that cannot be one is said at the field.
   */
  private renderDeadline() {
    const deadline = this.policy?.mfaDeadline ?? null;
    const now = Date.now();
    return html`<form class="deadline" @submit=${this.onSaveDeadline}>
      <label for="deadline">${this.t('org.deadline')}</label>
      <div class="deadline-row">
        <input part="deadline" id="deadline" type="date" min=${localDay(now + dayMs)} max=${localDay(now + maxDeadlineDays * dayMs)}
          .value=${deadline ? localDay(Date.parse(deadline)) : ''} aria-describedby="deadline-hint deadline-error"
          aria-invalid=${this.deadlineError ? 'true' : 'false'} ?disabled=${this.action.busy}
          @input=${() => (this.deadlineError = '')} />
        <button part="save-deadline" type="submit" class="secondary" ?disabled=${this.action.busy || !this.policy?.enforceMfa}>${this.t('org.deadlineSave')}</button>
      </div>
      <p id="deadline-hint" class="muted">${this.t('org.deadlineHint')}</p>
      <p part="deadline-error" id="deadline-error" class="error" role="alert">${this.deadlineError}</p>
    </form>`;
  }

  /** The webhook endpoints, by the tag they were registered under. */
  private renderWebhooks() {
    const hooks = tagOf(WebhookList, 'webhook-list');
    return staticHtml`<${hooks} part="webhooks" .client=${this.client} .messages=${this.messages}></${hooks}>`;
  }

  private renderSummary() {
    const summary = this.summary.value;
    const deadline = this.policy?.enforceMfa ? (this.policy.mfaDeadline ?? null) : null;
    return html`<div part="summary" class="summary">
      ${
        deadline
          ? html`<p>${this.t(Date.parse(deadline) > Date.now() ? 'org.requiredFrom' : 'org.requiredSince', { date: this.dateText(deadline) })}</p>`
          : null
      }
      ${summary ? html`<p>${this.t('org.summary', { count: summary.withoutFactor, members: summary.members })}</p>` : null}
      <label class="check">
        <input part="only-without" type="checkbox" .checked=${this.onlyWithout} @change=${this.onOnlyWithout} />
        ${this.t('org.onlyWithout')}
      </label>
    </div>`;
  }

  private renderTable(result: OrgUsersPage | undefined, loading: boolean) {
    const items = result?.items ?? [];
    return html`<table part="table" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="visually-hidden">${this.t('org.users')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('org.username')}</th>
            <th scope="col">${this.t('org.mfa')}</th>
            <th scope="col">${this.t('org.lastActive')}</th>
            <th scope="col"><span class="visually-hidden">${this.t('org.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (user) => html`<tr part="row">
              <th scope="row"><bdi>${user.username}</bdi>${user.role === 'root' ? html` <span class="badge">${this.t('org.root')}</span>` : null}</th>
              <td data-label=${this.t('org.mfa')}>${this.mfaLabel(user)}</td>
              <td data-label=${this.t('org.lastActive')}>${this.when(user.lastActiveAt)}</td>
              <td class="row-actions">
                ${
                  user.role === 'root'
                    ? null
                    : html`<div class="actions">
                      <button part="reset" type="button" class="secondary" ?disabled=${this.action.busy}
                        aria-label=${this.t('org.resetLabel', { username: user.username })}
                        @click=${(e: Event) => this.resetUser(user, e.currentTarget as HTMLButtonElement)}>${this.t('org.resetButton')}</button>
                      <button part="sign-out" type="button" class="secondary" ?disabled=${this.action.busy}
                        aria-label=${this.t('org.signOutLabel', { username: user.username })}
                        @click=${(e: Event) => this.signOutUser(user, e.currentTarget as HTMLButtonElement)}>${this.t('org.signOutButton')}</button>
                    </div>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${!loading && items.length === 0 ? html`<p class="muted">${this.t('org.empty')}</p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'org-policy-table': OrgPolicyTable;
  }
}
