/**
 * The host's own code, not Portcullis: asks Acme's API (examples/backend) who is signed in, with
 * the token `<portcullis-provider>` hands out, sent as `Authorization: Bearer`. Renders nothing
 * until the page names the API (`<acme-api-check api="https://api.example.com">`); the server
 * serving this page must allow that origin (`portcullis-server --connect-origin`).
 */
import type { PortcullisProvider } from '@portcullis/elements';

class AcmeApiCheck extends HTMLElement {
  private output: HTMLOutputElement | undefined;

  connectedCallback(): void {
    const api = this.getAttribute('api');
    if (!api || this.output) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = "Ask Acme's API who I am";
    this.output = document.createElement('output');
    this.output.setAttribute('aria-live', 'polite');
    button.addEventListener('click', () => void this.ask(api));
    this.append(button, this.output);
    // Signed out: whatever the API said about the person goes too; the provider's client drops the token.
    this.closest('portcullis-provider')?.addEventListener('signed-out', () => {
      if (this.output) this.output.textContent = '';
    });
  }

  private async ask(api: string): Promise<void> {
    const provider = this.closest<PortcullisProvider>('portcullis-provider');
    if (!provider || !this.output) return;
    try {
      const reply = await fetch(new URL('/api/whoami', api), {
        headers: { authorization: `Bearer ${await provider.getToken()}` },
      });
      const body = (await reply.json()) as { username?: string; role?: string; mfa?: boolean; code?: string };
      this.output.textContent = reply.ok
        ? `Acme's API says: ${body.username} (${body.role}), signed in ${body.mfa ? 'with' : 'without'} MFA.`
        : `Acme's API refused: ${body.code}.`;
    } catch {
      this.output.textContent = "Acme's API could not be reached.";
    }
  }
}

customElements.define('acme-api-check', AcmeApiCheck);
