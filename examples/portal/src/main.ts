// The host page's own script: which element to show, and signing out. Everything else is the
// elements' job. No inline script or style anywhere, so the server's strict CSP holds.
import '@portcullis/elements/define';
import { createClient, isPortcullisError } from '@portcullis/sdk';

const client = createClient({ baseUrl: '/api/v1' });
const provider = document.querySelector('portcullis-provider')!;
provider.client = client;
const loading = document.querySelector<HTMLElement>('#loading')!;
const login = document.querySelector('login-form')!;
const profile = document.querySelector('profile-settings')!;
const signOut = document.querySelector<HTMLButtonElement>('#sign-out')!;

function show(signedIn: boolean) {
  loading.hidden = true;
  login.hidden = signedIn;
  profile.hidden = !signedIn;
}

login.addEventListener('login', () => show(true));
document.addEventListener('session-expired', () => show(false));
signOut.addEventListener('click', async () => {
  await client.logout().catch(() => undefined);
  show(false);
});

try {
  await client.me();
  show(true);
} catch (error) {
  if (!isPortcullisError(error, 'unauthenticated')) console.error(error);
  show(false);
}
