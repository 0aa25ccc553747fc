// A React page that embeds the elements through @portcullis/elements/react: props set element
// properties and `on…` props listen to their events.
import { createClient, type Me } from '@portcullis/sdk';
import { PortcullisLoginForm, PortcullisProfileSettings, PortcullisProvider } from '@portcullis/elements/react';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const client = useMemo(() => createClient({ baseUrl: '/api/v1' }), []);
  const [user, setUser] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    client.me().then(setUser, () => setUser(null));
  }, [client]);

  return (
    <PortcullisProvider client={client}>
      <main>
        <h1>Account</h1>
        {user === undefined ? <p>Loading…</p> : null}
        {user === null ? <PortcullisLoginForm onLogin={(event) => setUser(event.detail.user)} /> : null}
        {user ? <PortcullisProfileSettings onSessionExpired={() => setUser(null)} /> : null}
      </main>
    </PortcullisProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
