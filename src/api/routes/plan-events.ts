/**
 * A plan's states as Server-Sent Events: queued → active (percent, best
 * objective, ETA, about once a second) → completed | failed | cancelled, and
 * the stream ends. Each event's id names the state it tells, so a client that
 * reconnects with Last-Event-ID gets only what it has not seen, and one that
 * has seen the end gets 204 (which tells EventSource to stop reconnecting).
 * Comments keep idle connections open through proxies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { PlanEvent, PlanId, type PlanJob } from '../../contract/plan-job.js';
import type { PlanQueue } from '../../queue/plan-queue.js';
import { ServiceError } from '../errors.js';
import { eventStreamExample, problemExamples } from '../examples.js';
import { RATE_LIMIT_HEADERS, SECURED, emptyResponse, mediaResponse, problemResponses } from '../openapi.js';

export interface PlanEventsOptions {
  readonly config: Config;
  readonly plans: PlanQueue;
}

/** How long a stream waits for news of its plan before reading it anyway. */
const IDLE_READ_MS = 5000;
/** What EventSource waits before reconnecting to a dropped stream. */
const RETRY_MS = 2000;

const FINAL = new Set<string>(['completed', 'failed', 'cancelled']);

/** The id of the state an event tells: it changes exactly when the event would. */
export function eventId(plan: PlanJob): string {
  if (FINAL.has(plan.status)) return plan.status;
  return `${plan.status}.${String(plan.attempts)}.${String(plan.progress?.iteration ?? 0)}${plan.cancelRequested ? '.cancelling' : ''}`;
}

export function eventText(plan: PlanJob): string {
  const data: PlanJob = { ...plan };
  delete data.result;
  const event: PlanEvent = { ...data, href: `/v1/plans/${plan.id}` };
  return `id: ${eventId(plan)}\nevent: ${plan.status}\ndata: ${JSON.stringify(event)}\n\n`;
}

const Headers = z.object({
  'last-event-id': z.string().max(200).optional().meta({ description: 'The id of the last event received, sent by EventSource when it reconnects: the stream resumes after it.' }),
});

export const planEventsRoutes: FastifyPluginAsyncZod<PlanEventsOptions> = (app, { config, plans }) => {
  const open = new Set<AbortController>();
  // Open streams would hold the server's close until their plans end.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.abort();
    return Promise.resolve();
  });

  app.get(
    '/v1/plans/:id/events',
    {
      schema: {
        operationId: 'streamPlanEvents',
        summary: 'Follow a plan as Server-Sent Events',
        description:
          'One event per state of the plan (`event:` is the status, `data:` the plan as GET shows it without the result), progress about once a second while it runs, and the stream ends after the final status. ' +
          'Reconnect with `Last-Event-ID` to resume; after the final event the answer is 204. A comment line is sent every `EVENTS_HEARTBEAT_SECONDS`.',
        tags: ['plans'],
        security: SECURED,
        params: z.object({ id: PlanId }),
        headers: Headers,
        response: {
          200: mediaResponse('The event stream.', { 'text/event-stream': { schema: z.string().meta({ description: 'Server-Sent Events; the data of each is a PlanEvent.' }), example: eventStreamExample } }, RATE_LIMIT_HEADERS),
          204: emptyResponse('The plan has ended and the client has seen its final event: nothing more will come.'),
          ...problemResponses({ 400: problemExamples.read[400], 401: problemExamples.read[401], 404: problemExamples.read[404], 429: problemExamples.read[429], 503: problemExamples.read[503] }, true),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const first = await plans.get(id, request.caller);
      if (first === null) throw new ServiceError('not_found', `No plan ${id}; results are kept for a limited time.`);
      const seen = request.headers['last-event-id'];
      if (FINAL.has(first.status) && seen !== undefined && FINAL.has(seen)) return reply.code(204).send(null);
      const stream = new AbortController();
      open.add(stream);
      try {
        await follow(request, reply, { plans, first, seen, stream, heartbeatMs: config.EVENTS_HEARTBEAT_SECONDS * 1000 });
      } finally {
        open.delete(stream);
      }
      return reply;
    },
  );
  return Promise.resolve();
};

interface Follow {
  readonly plans: PlanQueue;
  readonly first: PlanJob;
  readonly seen: string | undefined;
  readonly stream: AbortController;
  readonly heartbeatMs: number;
}

/** Writes the plan's states until the final one, the client leaves, or the server closes. */
async function follow(request: FastifyRequest, reply: FastifyReply, { plans, first, seen, stream, heartbeatMs }: Follow): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined));
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  raw.write(`retry: ${String(RETRY_MS)}\n\n`);
  raw.on('close', () => {
    stream.abort();
  });
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
  let plan: PlanJob | null = first;
  let last = seen;
  try {
    while (plan !== null) {
      const id = eventId(plan);
      if (id !== last) raw.write(eventText(plan));
      last = id;
      if (FINAL.has(plan.status)) break;
      await plans.changed(plan.id, IDLE_READ_MS, stream.signal);
      if (stream.signal.aborted) break;
      // A plan gone, or Redis away: the stream ends and the client reconnects from its last event.
      plan = await plans.get(plan.id, request.caller).catch(() => null);
    }
  } finally {
    clearInterval(heartbeat);
    raw.end();
  }
}
