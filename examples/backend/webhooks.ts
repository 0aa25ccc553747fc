import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';

/** What Portcullis sends: a security event as `GET /org/events` shows it, with its organization. */
export interface PortcullisEvent {
  type: string;
  timestamp: string;
  data: { id?: string; organizationId: string; target?: { id: string; username: string } | null };
}

/** Hear events in your backend: the signature checked, each message handled once. */
export function webhookReceiver(secret: string, handle: (event: PortcullisEvent) => Promise<void>) {
  const webhook = new Webhook(secret); // whsec_…, shown once when the endpoint was added
  const seen = new Set<string>(); // a retry repeats its webhook-id: keep these in your database
  return new Hono().post('/portcullis-events', async (c) => {
    const body = await c.req.text();
    let event: PortcullisEvent;
    try {
      event = webhook.verify(body, Object.fromEntries(c.req.raw.headers)) as PortcullisEvent;
    } catch {
      return c.text('bad signature', 400); // not from us, altered, or older than five minutes
    }
    const id = c.req.header('webhook-id')!;
    if (!seen.has(id)) await handle(event).then(() => seen.add(id));
    return c.body(null, 204);
  });
}
