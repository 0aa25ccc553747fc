import { Task } from '@lit/task';
import type { Me, SessionSummary } from '@portcullis/sdk';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { ActionController } from '../shared/action-controller.ts';
import { SessionsChangeEvent } from '../shared/events.ts';
import { PortcullisElement } from '../shared/portcullis-element.ts';
import { durationText, relativeTime } from '../shared/relative-time.ts';
import { rowListStyles, tokens } from '../shared/styles.ts';
import { deviceName } from '../shared/device-name.ts';
import { sessionListStyles } from './session-list.styles.ts';
import { PortcullisReauthDialog } from '../portcullis-reauth-dialog/portcullis-reauth-dialog.ts';

type Row = SessionSummary & { device: string };

/**
 * Where the person is signed in: one row per session with the browser and system, the address
 * and the last activity, "This device" on the current one and "Sign out" on the others, and
 * "Sign out everywhere else". Above the list, the rule and its configured value: "Sessions end
 * after 30 days without activity".
 *
 * @summary The person's sessions, each of which they can end.
 * @customElement session-list
 * @fires sessions-change - After sessions were ended; `detail.revoked` is how many.
 * @fires session-expired - When the session has ended; show `<login-form>`.
 * @csspart heading - The section heading.
 * @csspart rule - The sentence with the idle timeout.
 * @csspart list - The list of sessions.
 * @csspart row - Each session (`row current` for this device).
 * @csspart device - The browser and system of a session.
 * @csspart this-device - The "This device" badge.
 * @csspart sign-out - Each other session's "Sign out" button.
 * @csspart sign-out-others - The "Sign out everywhere else" button.
 * @csspart status - The live region announcing results and errors.
 * @cssprop --portcullis-success - Background of the "This device" badge.
 */
export class SessionList extends PortcullisElement {
  /** The elements it renders, registered with it (`defineElement`). */
  static dependencies = { 'portcullis-reauth-dialog': PortcullisReauthDialog };

  static override styles = [tokens, rowListStyles, sessionListStyles];

  /** The signed-in user, when the host already has it (for the idle timeout); otherwise loaded. */
  @property({ attribute: false }) me: Me | undefined;

  private action = new ActionController(this, (error) => this.errorText(error));

  private sessions = new Task(this, {
    task: async ([given]): Promise<{ me: Me; rows: Row[] }> => {
      const [me, sessions] = await Promise.all([given ?? this.loadMe(), this.api.sessions()]);
      const rows = await Promise.all(
        sessions.map(async (session) => {
          const named = await deviceName(session.userAgent);
          return { ...session, device: named ? this.t('sessions.device', named) : this.t('sessions.unknownDevice') };
        }),
      );
      return { me, rows };
    },
    args: () => [this.me, this.client ?? this.providedClient, this.sessionGeneration] as const,
  });

  /**
   * Ends sessions; the result is announced once the list shows it. The row that had focus may be
   * gone: focus goes to the result, which is read out.
   */
  private end(action: () => Promise<string>) {
    return this.action.run(() => this.perform(action), { reload: () => this.sessions.run() });
  }

  private signOut(row: Row) {
    return this.end(async () => {
      await this.api.revokeSession(row.id);
      this.dispatchEvent(new SessionsChangeEvent({ revoked: 1 }));
      return this.t('sessions.signedOut', { device: row.device });
    });
  }

  private signOutOthers() {
    return this.end(async () => {
      const revoked = await this.api.revokeOtherSessions();
      this.dispatchEvent(new SessionsChangeEvent({ revoked }));
      return this.t('sessions.signedOutOthers', { count: revoked });
    });
  }

  protected override render() {
    return html`<section aria-labelledby="sessions-heading" class="stack">
      <h3 part="heading" id="sessions-heading">${this.t('sessions.title')}</h3>
      ${this.sessions.render({
        pending: () =>
          this.sessions.value ? this.renderList(this.sessions.value) : html`<p class="muted">${this.t('loading')}</p>`,
        complete: (value) => this.renderList(value),
        error: (error) => html`<p class="error" role="alert">${this.errorText(error)}</p>`,
      })}
      ${this.action.renderStatus()}
    </section>`;
  }

  private renderList({ me, rows }: { me: Me; rows: Row[] }) {
    const others = rows.filter((row) => !row.current).length;
    return html`<p part="rule" class="muted">${this.t('sessions.rule', { duration: durationText(me.session.idleTimeoutSeconds, this.language) })}</p>
      <ul part="list">
        ${rows.map((row) => this.renderRow(row))}
      </ul>
      ${
        others > 0
          ? html`<button part="sign-out-others" type="button" class="secondary" ?disabled=${this.action.busy} @click=${this.signOutOthers}>${this.t('sessions.signOutOthers')}</button>`
          : html`<p class="muted">${this.t('sessions.noOthers')}</p>`
      }`;
  }

  private renderRow(row: Row) {
    const when = relativeTime(row.lastSeenAt, this.language);
    return html`<li part=${row.current ? 'row current' : 'row'}>
      <div>
        <span part="device" class="device">${row.device}</span>${row.current ? html`<span part="this-device">${this.t('sessions.thisDevice')}</span>` : null}
        <p class="details muted">${this.t('sessions.lastActive', { when })}${row.clientAddress ? html` · ${this.t('sessions.address', { address: row.clientAddress })}` : null}</p>
      </div>
      ${
        row.current
          ? null
          : html`<button part="sign-out" type="button" class="secondary" ?disabled=${this.action.busy}
            aria-label=${this.t('sessions.signOutLabel', { device: row.device, when })}
            @click=${() => this.signOut(row)}>${this.t('sessions.signOut')}</button>`
      }
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'session-list': SessionList;
  }
}
