/**
 * The chat stream: NDJSON cut anywhere by the network still yields the server's
 * events in order, and a refused question becomes a ChatRefused with kinds and
 * counts only.
 */
import { ServerConnection } from '@jupyterlab/services';
import { ReadableStream as NodeReadableStream } from 'stream/web';

import {
  ChatEvent,
  ChatRefused,
  chatRefusal,
  chatRequest,
  readNdjson,
  scanTexts,
  streamChat
} from '../api';

const EVENTS: ChatEvent[] = [
  {
    type: 'gate',
    action: 'redact',
    counts: { PERSON: 2, US_SSN: 1 },
    redacted: { PERSON: 2 },
    notes: ['Names were replaced with placeholders — «PERSON_1», «PERSON_2».']
  },
  { type: 'status', model: 'tiny-coder', state: 'loading' },
  { type: 'token', content: 'Größe: ' },
  { type: 'token', content: '🧬 → ' },
  { type: 'token', content: '日本語\n```python\nprint("ok")\n```' },
  {
    type: 'done',
    model: 'tiny-coder',
    tokens: 3,
    time_to_first_token: 0.25,
    tokens_per_second: 12.5
  }
];

const NDJSON = EVENTS.map(e => JSON.stringify(e)).join('\n') + '\n';
const BYTES = new TextEncoder().encode(NDJSON);

/** A stream of the given chunks, one chunk per read(). */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new NodeReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
      }
      controller.close();
    }
  }) as unknown as ReadableStream<Uint8Array>;
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const bounds = [0, ...offsets, bytes.length];
  const chunks: Uint8Array[] = [];
  for (let i = 1; i < bounds.length; i++) {
    chunks.push(bytes.slice(bounds[i - 1], bounds[i]));
  }
  return chunks;
}

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) {
    out.push(event);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so failures can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('readNdjson', () => {
  it('yields every event in order from a single chunk', async () => {
    expect(await collect(readNdjson<ChatEvent>(streamOf([BYTES])))).toEqual(EVENTS);
  });

  it('yields the same events when every byte arrives on its own', async () => {
    const offsets = Array.from({ length: BYTES.length - 1 }, (_, i) => i + 1);
    expect(await collect(readNdjson<ChatEvent>(streamOf(cut(BYTES, offsets))))).toEqual(
      EVENTS
    );
  });

  it('reassembles a multi-byte character cut between chunks', async () => {
    // The 4-byte 🧬 (F0 9F A7 AC): cut after each of its first three bytes.
    const start = BYTES.findIndex(
      (b, i) => b === 0xf0 && BYTES[i + 1] === 0x9f && BYTES[i + 2] === 0xa7
    );
    expect(start).toBeGreaterThan(0);
    for (const inside of [1, 2, 3]) {
      const chunks = cut(BYTES, [start + inside]);
      // The cut really is inside the character: neither side decodes to it alone.
      expect(new TextDecoder().decode(chunks[0])).not.toContain('🧬');
      const events = await collect(readNdjson<ChatEvent>(streamOf(chunks)));
      expect(events).toEqual(EVENTS);
    }
  });

  it('yields the same events for random cuts mid-line and mid-character', async () => {
    const next = random(20240611);
    for (let round = 0; round < 200; round++) {
      const count = 1 + Math.floor(next() * 12);
      const offsets = [
        ...new Set(
          Array.from({ length: count }, () => 1 + Math.floor(next() * (BYTES.length - 1)))
        )
      ].sort((a, b) => a - b);
      const events = await collect(readNdjson<ChatEvent>(streamOf(cut(BYTES, offsets))));
      expect(events).toEqual(EVENTS);
    }
  });

  it('skips blank lines and tolerates CRLF line ends', async () => {
    const text = '\n' + EVENTS.map(e => JSON.stringify(e)).join('\r\n\r\n') + '\r\n';
    const events = await collect(
      readNdjson<ChatEvent>(streamOf([new TextEncoder().encode(text)]))
    );
    expect(events).toEqual(EVENTS);
  });

  it('yields an event as soon as its line is complete', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (release = resolve));
    const first = new TextEncoder().encode(JSON.stringify(EVENTS[0]) + '\n{"type":"tok');
    const rest = new TextEncoder().encode('en","content":"x"}\n');
    const body = new NodeReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(first);
        await gate;
        controller.enqueue(rest);
        controller.close();
      }
    }) as unknown as ReadableStream<Uint8Array>;
    const events = readNdjson<ChatEvent>(body);
    // The first event arrives before the rest of the stream exists.
    expect((await events.next()).value).toEqual(EVENTS[0]);
    release();
    expect((await events.next()).value).toEqual({ type: 'token', content: 'x' });
    expect((await events.next()).done).toBe(true);
  });
});

describe('chatRequest', () => {
  const messages = [{ role: 'user' as const, content: 'How do I read a CSV?' }];

  it('sends the messages from the sidebar, nothing optional by default', () => {
    expect(chatRequest(messages, null)).toEqual({ messages, client: 'sidebar' });
  });

  it('adds the model, the acknowledgement and a non-empty policy', () => {
    expect(
      chatRequest(messages, 'tiny-coder', {
        acknowledge: true,
        policy: { phi: 'block' }
      })
    ).toEqual({
      messages,
      client: 'sidebar',
      model: 'tiny-coder',
      acknowledge: true,
      policy: { phi: 'block' }
    });
  });

  it('leaves out an empty policy and a false acknowledgement', () => {
    expect(chatRequest(messages, '', { acknowledge: false, policy: {} })).toEqual({
      messages,
      client: 'sidebar'
    });
  });
});

describe('chatRefusal', () => {
  it('turns a 422 into a ChatRefused carrying the kinds and counts', async () => {
    const payload = {
      message: 'Blocked: the prompt contains identifiers.',
      counts: { US_SSN: 1, PERSON: 2 },
      reason: 'blocked',
      action: 'block'
    };
    const refusal = await chatRefusal(
      new Response(JSON.stringify(payload), { status: 422, statusText: 'Unprocessable' })
    );
    expect(refusal).toBeInstanceOf(ChatRefused);
    expect(refusal.status).toBe(422);
    expect(refusal.message).toBe(payload.message);
    expect(refusal.blocked?.counts).toEqual({ US_SSN: 1, PERSON: 2 });
    expect(refusal.blocked?.reason).toBe('blocked');
  });

  it('has no blocked details for other errors, and keeps the status text', async () => {
    const refusal = await chatRefusal(
      new Response('<html>proxy error</html>', {
        status: 502,
        statusText: 'Bad Gateway'
      })
    );
    expect(refusal.status).toBe(502);
    expect(refusal.blocked).toBeNull();
    expect(refusal.message).toBe('Bad Gateway');
  });

  it('reads a 429: Retry-After in seconds and the number waiting', async () => {
    const refusal = await chatRefusal(
      new Response(
        JSON.stringify({ message: "Model 'm' is busy; retry later", reason: 'busy', queue: 5 }),
        { status: 429, headers: { 'Retry-After': '7' } }
      )
    );
    expect(refusal.status).toBe(429);
    expect(refusal.blocked).toBeNull();
    expect(refusal.retryAfter).toBe(7);
    expect(refusal.queue).toBe(5);
  });

  it('has no retry time or queue when the server sent none', async () => {
    const refusal = await chatRefusal(new Response('busy', { status: 429 }));
    expect(refusal.retryAfter).toBeNull();
    expect(refusal.queue).toBeNull();
  });

  it('uses the server message of a JSON error that is not a refusal', async () => {
    const refusal = await chatRefusal(
      new Response(JSON.stringify({ message: 'Model failed to load' }), { status: 503 })
    );
    expect(refusal.blocked).toBeNull();
    expect(refusal.message).toBe('Model failed to load');
  });
});

describe('streamChat', () => {
  let makeRequest: jest.SpyInstance;

  beforeEach(() => {
    makeRequest = jest.spyOn(ServerConnection, 'makeRequest');
  });

  afterEach(() => {
    makeRequest.mockRestore();
  });

  it('POSTs the request to /safeai/chat and yields the streamed events', async () => {
    makeRequest.mockResolvedValue(
      new Response(streamOf(cut(BYTES, [7, 100, 101, 250])) as any, {
        status: 200,
        headers: { 'Content-Type': 'application/x-ndjson' }
      })
    );
    const messages = [{ role: 'user' as const, content: 'Plot a histogram' }];
    const signal = new AbortController().signal;
    const events = await collect(
      streamChat(messages, 'tiny-coder', signal, { acknowledge: true })
    );
    expect(events).toEqual(EVENTS);
    expect(makeRequest).toHaveBeenCalledTimes(1);
    const [target, init] = makeRequest.mock.calls[0];
    expect(target).toMatch(/\/safeai\/chat$/);
    expect(init.method).toBe('POST');
    expect(init.signal).toBe(signal);
    expect(JSON.parse(init.body)).toEqual({
      messages,
      client: 'sidebar',
      model: 'tiny-coder',
      acknowledge: true
    });
  });

  it('throws ChatRefused with counts when the gate refuses (422)', async () => {
    makeRequest.mockResolvedValue(
      new Response(
        JSON.stringify({
          message: 'Needs acknowledgement',
          counts: { EMAIL_ADDRESS: 1 },
          reason: 'needs_acknowledgement'
        }),
        { status: 422 }
      )
    );
    const events = streamChat(
      [{ role: 'user', content: 'question' }],
      null,
      new AbortController().signal
    );
    const error = await events.next().then(
      () => null,
      (reason: unknown) => reason
    );
    expect(error).toBeInstanceOf(ChatRefused);
    expect((error as ChatRefused).status).toBe(422);
    expect((error as ChatRefused).blocked).toMatchObject({
      counts: { EMAIL_ADDRESS: 1 },
      reason: 'needs_acknowledgement'
    });
  });
});

describe('scanTexts', () => {
  let makeRequest: jest.SpyInstance;

  beforeEach(() => {
    makeRequest = jest.spyOn(ServerConnection, 'makeRequest');
    makeRequest.mockImplementation(
      async () =>
        new Response(JSON.stringify({ action: 'send', findings: [] }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' }
        })
    );
  });

  afterEach(() => {
    makeRequest.mockRestore();
  });

  it('asks for notebook cells by default and for a prompt when told', async () => {
    await scanTexts(['a cell'], null);
    await scanTexts(['a question', 'a chip'], { phi: 'block' }, undefined, 'prompt');
    const bodies = makeRequest.mock.calls.map(([, init]) => JSON.parse(init.body));
    expect(bodies).toEqual([
      { texts: ['a cell'] },
      { texts: ['a question', 'a chip'], policy: { phi: 'block' }, purpose: 'prompt' }
    ]);
    expect(makeRequest.mock.calls[1][0]).toMatch(/\/safeai\/scan$/);
  });
});
