import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_URL,
  CUSTOMERS_URL,
  customer,
  directoryRejection,
  FIRST_TOKEN,
  LOOKUP_URL,
  streamedLookup,
  useDirectoryServer,
} from './directoryServer.test-support';
import { type AccessTokenRequest, createHttpContacts, type HttpContacts } from './httpContacts';

const server = useDirectoryServer();

/**
 * Where a request is held until the test aborts it: before the call, while the token is asked for (first or
 * refreshed, after a 401), while the request waits for its answer, and while the answer's body arrives.
 */
const STEPS = ['beforeCall', 'token', 'refreshedToken', 'answer', 'body'] as const;
type Step = (typeof STEPS)[number];
type Operation = 'listCustomers' | 'searchCustomers' | 'findCustomerByPhoneNumber';

/** Released after each run, so that a held handler or token never outlives its test. */
let releaseAll: () => void = () => {};
afterEach(() => releaseAll());

interface Stage {
  readonly contacts: HttpContacts;
  /** Resolves when the request is held at the chosen step. */
  readonly reached: Promise<void>;
  /** The signals getAccessToken was given. */
  readonly tokenSignals: (AbortSignal | undefined)[];
}

function stageAt(step: Step, tokenHonoursSignal: boolean): Stage {
  let markReached = () => {};
  const reached = new Promise<void>((resolve) => {
    markReached = resolve;
  });
  const released = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  const hold = () => {
    markReached();
    return released;
  };
  const tokenSignals: (AbortSignal | undefined)[] = [];
  const getAccessToken = async ({ signal, forceRefresh }: AccessTokenRequest) => {
    tokenSignals.push(signal);
    const holdHere = (step === 'token' && !forceRefresh) || (step === 'refreshedToken' && forceRefresh);
    if (holdHere) {
      // Either a token source that stops when told, or one that ignores the signal: both must end in `aborted`.
      const held = hold();
      if (tokenHonoursSignal && signal) {
        await Promise.race([
          held,
          new Promise<never>((_, reject) =>
            signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))),
          ),
        ]);
      } else await held;
    }
    return FIRST_TOKEN;
  };
  const respond = async () => {
    if (step === 'refreshedToken')
      return HttpResponse.json({ error: { code: 'invalid_token' } }, { status: 401 });
    if (step === 'answer') await hold();
    if (step !== 'body') return null;
    return new HttpResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"customers":['));
        },
        async pull() {
          await hold();
        },
      }),
      { headers: { 'Content-Type': 'application/json' } },
    );
  };
  server.use(
    http.get(LOOKUP_URL, async () => (await respond()) ?? HttpResponse.json({ customer: customer(1) })),
    http.get(
      CUSTOMERS_URL,
      async () => (await respond()) ?? HttpResponse.json({ customers: [customer(1)], nextCursor: null }),
    ),
  );
  if (step === 'beforeCall') markReached();
  return {
    contacts: createHttpContacts({ baseUrl: BASE_URL, getAccessToken }),
    reached,
    tokenSignals,
  };
}

function call(contacts: HttpContacts, operation: Operation, signal: AbortSignal): Promise<unknown> {
  if (operation === 'listCustomers') return contacts.listCustomers({ signal });
  if (operation === 'searchCustomers') return contacts.searchCustomers('meg', { signal });
  return contacts.findCustomerByPhoneNumber('+14255550001', { signal });
}

describe('createHttpContacts: cancellation', () => {
  it('rejects with aborted, and nothing else, whichever step the signal aborts at', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STEPS),
        fc.constantFrom<Operation>('listCustomers', 'searchCustomers', 'findCustomerByPhoneNumber'),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        async (step, operation, tokenHonoursSignal, extraTicks) => {
          server.resetHandlers();
          const stage = stageAt(step, tokenHonoursSignal);
          const controller = new AbortController();
          if (step === 'beforeCall') controller.abort();
          // Handled from the start: a call refused at once must not count as an unhandled rejection.
          const rejection = directoryRejection(call(stage.contacts, operation, controller.signal));
          await stage.reached;
          for (let tick = 0; tick < extraTicks; tick += 1)
            await new Promise((resolve) => setTimeout(resolve, 0));
          controller.abort();

          // Held forever otherwise: only the abort can end the call, and it must end it as `aborted`.
          const error = await rejection;
          expect(error.code).toBe('aborted');
          if (step === 'beforeCall') expect(stage.tokenSignals).toEqual([]);
          else expect(stage.tokenSignals.every((signal) => signal === controller.signal)).toBe(true);
          releaseAll();
        },
      ),
      { numRuns: 60, timeout: 2000 },
    );
  });

  it('resolves normally when the signal aborts only after the answer', async () => {
    server.use(http.get(LOOKUP_URL, () => HttpResponse.json({ customer: customer(1) })));
    const contacts = createHttpContacts({ baseUrl: BASE_URL, getAccessToken: async () => FIRST_TOKEN });
    const controller = new AbortController();
    const found = await contacts.findCustomerByPhoneNumber('+14255550001', { signal: controller.signal });
    controller.abort();
    expect(found).toEqual(customer(1));
  });

  it('cancels a body it stops reading, so that the connection is not held', async () => {
    // MSW hands the client a copy of the body (a tee), which never passes the cancel on to the handler's
    // stream; a fetch that returns the stream itself shows it.
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"customer":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const contacts = createHttpContacts({
      baseUrl: BASE_URL,
      getAccessToken: async () => FIRST_TOKEN,
      fetch: async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }),
    });
    const controller = new AbortController();
    const rejection = directoryRejection(
      contacts.findCustomerByPhoneNumber('+14255550001', { signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();

    expect(await rejection).toMatchObject({ code: 'aborted' });
    expect(cancelled).toBe(true);
  });

  it('times out a body that stalls, as timeout rather than aborted', async () => {
    server.use(
      streamedLookup({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"customer":'));
        },
      }),
    );
    const contacts = createHttpContacts({
      baseUrl: BASE_URL,
      getAccessToken: async () => FIRST_TOKEN,
      requestTimeoutMs: 30,
    });
    const error = await directoryRejection(contacts.findCustomerByPhoneNumber('+14255550001'));
    expect(error).toMatchObject({ code: 'timeout', details: { timeoutMs: 30 } });
  });
});
