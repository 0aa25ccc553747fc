import { webhookSignature } from '../../crypto/webhook-signature.ts';
import type { Services } from '../../services.ts';
import type { DeliveryOutcome, WebhookDeliveryRecord, WebhookRecord } from '../../store/store.ts';
import { noRequest, securityEvent } from '../events.ts';
import { webhookAssociatedData } from '../sealed-secrets.ts';
import { addressAllowed } from './webhook-target.ts';
import { deliveryMessageId, webhookRef } from './webhooks.ts';

/** The answer's body is read at most this far, and stored at most 1 KiB of it per try. */
const maxAnswerBytes = 4096;
const storedAnswerChars = 1024;

/** Sends what is due from the outbox, in every server process (#20, docs/architecture.md "Webhooks"). */
export interface WebhookWorker {
  /** Polls the outbox until `stop`. */
  start(): void;
  /** Stops polling and waits for the tries under way. */
  stop(): Promise<void>;
  /** One round: leases what is due and sends it; answers how many were tried. */
  deliverDue(): Promise<number>;
}

export interface WorkerOptions {
  /** How often the outbox is read when the last round found nothing (default 100 ms). */
  pollMs?: number;
  /** How many endpoints are served at once (default 20). */
  batch?: number;
}

/**
 * A delivery's lease outlives its try (the timeout plus margin): a lease that runs out means the
 * instance died mid-try, and another instance sends the row again (receivers de-duplicate by
 * `webhook-id`).
 */
const leaseMs = (services: Services) => services.settings.webhookTimeoutMs + 20_000;

export function createWebhookWorker(services: Services, options: WorkerOptions = {}): WebhookWorker {
  const pollMs = options.pollMs ?? 100;
  const batch = options.batch ?? 20;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let round: Promise<number> = Promise.resolve(0);

  async function deliverDue(): Promise<number> {
    if (!services.webhookNetwork) return 0;
    const now = services.clock.now();
    const claimed = await services.store.claimDeliveries(now, now + leaseMs(services), batch);
    await Promise.all(claimed.map(({ delivery, webhook }) => deliverOne(services, delivery, webhook)));
    return claimed.length;
  }

  const tick = () => {
    if (!running) return;
    round = deliverDue().catch((error: unknown) => {
      services.logger.error('webhook delivery round failed', { error: (error as Error)?.name ?? 'Error' });
      return 0;
    });
    void round.then((count) => {
      // A round that sent something may have left more due (the next of each endpoint): go again at once.
      if (running) timer = setTimeout(tick, count > 0 ? 0 : pollMs);
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await round;
    },
    deliverDue,
  };
}

/** The secrets that sign now: the current one, and the previous one for a day after a rotation. */
async function signingSecrets(services: Services, webhook: WebhookRecord, now: number): Promise<string[]> {
  const box = await services.secretBox;
  const associated = webhookAssociatedData(webhook.id);
  const current = await box.open(webhook.secretSealed, associated);
  if (webhook.previousSecretSealed === null || webhook.previousUntil === null || webhook.previousUntil <= now)
    return [current];
  return [current, await box.open(webhook.previousSecretSealed, associated)];
}

/** The wait before try `attempt + 1`, ±20 % so that endpoints that failed together do not retry together. */
function backoff(services: Services, attempts: number): number | null {
  const schedule = services.settings.webhookRetryScheduleMs;
  const base = schedule[attempts - 1];
  if (base === undefined) return null;
  const [high = 0, low = 0] = services.random.bytes(2);
  return Math.round(base * (0.8 + (0.4 * ((high << 8) | low)) / 65535));
}

/**
 * One try: signed by the Standard Webhooks scheme (a signature per secret that signs now,
 * space-separated), posted with no redirect followed and the address rule held at connect time,
 * recorded with what it decided. Never a secret in the record or the log.
 */
async function deliverOne(services: Services, delivery: WebhookDeliveryRecord, webhook: WebhookRecord): Promise<void> {
  const network = services.webhookNetwork!;
  const now = services.clock.now();
  const messageId = deliveryMessageId(delivery.id);
  const timestamp = Math.floor(now / 1000);
  const signature = (await signingSecrets(services, webhook, now))
    .map((secret) => webhookSignature(secret, messageId, timestamp, delivery.payload))
    .join(' ');
  const started = performance.now();
  const result = await network.post({
    url: webhook.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Portcullis-Webhooks/1',
      'webhook-id': messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body: delivery.payload,
    timeoutMs: services.settings.webhookTimeoutMs,
    allowed: addressAllowed(services.settings, network),
    maxBodyBytes: maxAnswerBytes,
  });
  const durationMs = Math.round(performance.now() - started);
  const status = 'status' in result ? result.status : null;
  const delivered = status !== null && status >= 200 && status < 300;
  const attempts = delivery.attempts + 1;
  let outcome: DeliveryOutcome;
  if (delivered) outcome = { status: 'delivered' };
  else {
    const wait = backoff(services, attempts);
    outcome =
      wait === null
        ? {
            status: 'failed',
            disabledEvent: securityEvent('webhook_disabled', now, noRequest, null, webhookRef(webhook)),
          }
        : { status: 'pending', nextAttemptAt: now + wait };
  }
  await services.store.finishAttempt(
    delivery,
    {
      deliveryId: delivery.id,
      at: now,
      status,
      error: 'error' in result ? result.error : null,
      durationMs,
      response: 'body' in result ? result.body.slice(0, storedAnswerChars) : null,
    },
    outcome,
  );
}
