/**
 * The recompute queue on the Worker: Cloudflare Queues (api/wrangler.jsonc binds the producer
 * RECOMPUTE_QUEUE and makes the Worker its consumer; Miniflare runs both locally). A write
 * sends a plan through the request's waitUntil; the Worker's queue() handler consumes batches,
 * Cloudflare running as many consumer invocations side by side as the backlog needs. A message
 * whose invocation fails or is cut off is delivered again; its slice's marks came back with
 * the transaction that never committed.
 */
import type { Context } from 'hono';
import { consumeRecompute, recomputeMessage, type ConsumerOptions, type RecomputeMessage, type RecomputeQueue } from './recompute-queue.ts';

/** The producer binding (the part of Cloudflare's Queue used here). */
export interface QueueBinding {
  send(body: unknown): Promise<void>;
  sendBatch(messages: Iterable<{ body: unknown }>): Promise<void>;
}

export interface QueueMessage {
  readonly body: unknown;
  ack(): void;
  retry(): void;
}

export interface MessageBatch {
  readonly messages: readonly QueueMessage[];
}

/** Cloudflare takes at most 100 messages a sendBatch. */
const SEND_BATCH = 100;

async function sendAll(binding: QueueBinding, messages: readonly RecomputeMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH) await binding.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
}

export function cloudflareQueue(binding: QueueBinding, logError: (e: unknown) => void = (e) => console.error(e)): RecomputeQueue {
  return {
    kick(accountId: string, c?: Context) {
      const sent = binding.send({ kind: 'plan', accountId } satisfies RecomputeMessage).catch(logError);
      c?.executionCtx.waitUntil(sent);
    },
  };
}

/** One batch: each message done and acknowledged, or left for redelivery; one plan an account (a burst of writes sends many). */
export async function consumeBatch(batch: MessageBatch, binding: QueueBinding, options: ConsumerOptions, logError: (e: unknown) => void): Promise<void> {
  const planned = new Set<string>();
  for (const message of batch.messages) {
    const m = recomputeMessage(message.body);
    if (!m || (m.kind === 'plan' && planned.has(m.accountId))) {
      message.ack();
      continue;
    }
    if (m.kind === 'plan') planned.add(m.accountId);
    try {
      await sendAll(binding, await consumeRecompute(options, m));
      message.ack();
    } catch (e) {
      logError(e);
      message.retry();
    }
  }
}
