/**
 * The completion model: debounced, one request at a time, superseded requests
 * cancelled, admin limits a floor, and what the gate says turned into a status
 * with kinds only.
 */
import {
  CompletionEvent,
  CompletionModel,
  DEFAULT_COMPLETION_SETTINGS,
  ICompletionRequest,
  completionSettingsFrom,
  effectiveSettings,
  languageOf
} from '../completion';

interface ICall {
  request: ICompletionRequest;
  signal: AbortSignal;
}

/** A transport that records requests and replays `events` (after `delayMs` each). */
function recording(events: CompletionEvent[], delayMs = 0) {
  const calls: ICall[] = [];
  async function* transport(request: ICompletionRequest, signal: AbortSignal) {
    calls.push({ request, signal });
    for (const event of events) {
      if (delayMs) {
        await new Promise(resolve => setTimeout(resolve, delayMs));
      }
      if (signal.aborted) {
        return;
      }
      yield event;
    }
  }
  return { calls, transport };
}

const STREAM: CompletionEvent[] = [
  { type: 'gate', action: 'redact', counts: { US_SSN: 1 }, redacted: { US_SSN: 1 }, gate_ms: 2 },
  { type: 'suggestion', text: '"ssn"])' },
  { type: 'suggestion', text: '"ssn"])  # done' },
  { type: 'done', tokens: 4, masked: {}, gate_ms: 2, first_suggestion_ms: 40 }
];

const FAST = { ...DEFAULT_COMPLETION_SETTINGS, debounceMs: 5 };

async function collect(generator: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const text of generator) {
    out.push(text);
  }
  return out;
}

describe('CompletionModel', () => {
  it('streams the growing suggestion and reports placeholders by kind', async () => {
    const { calls, transport } = recording(STREAM);
    const model = new CompletionModel(transport, FAST, { phi: 'block' });
    const states: string[] = [];
    model.statusChanged.connect((_, status) => states.push(status.state));
    const text = 'p = {"ssn": "x"}\nprint(p[';
    expect(await collect(model.suggest(text, text.length, 'Python'))).toEqual([
      '"ssn"])',
      '"ssn"])  # done'
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].request).toEqual({
      prefix: text,
      suffix: '',
      language: 'python',
      model: null,
      policy: { phi: 'block' }
    });
    expect(states).toEqual(['waiting', 'streaming', 'shown']);
    expect(model.status.kinds).toEqual(['US_SSN']);
  });

  it('cancels a request the user typed past, before and while it streams', async () => {
    const { calls, transport } = recording(STREAM, 20);
    const model = new CompletionModel(transport, { ...FAST, debounceMs: 30 });
    // typed again during the debounce: the first never reaches the server
    const first = collect(model.suggest('a = ', 4, 'python'));
    await new Promise(resolve => setTimeout(resolve, 5));
    const second = collect(model.suggest('a = 1', 5, 'python'));
    expect(await first).toEqual([]);
    // typed again while the second streams: it is aborted
    const secondIterator = second;
    await new Promise(resolve => setTimeout(resolve, 60));
    const third = collect(model.suggest('a = 12', 6, 'python'));
    expect((await secondIterator).length).toBeLessThan(2);
    expect(await third).toEqual(['"ssn"])', '"ssn"])  # done']);
    expect(calls.map(c => c.request.prefix)).toEqual(['a = 1', 'a = 12']);
    expect(calls[0].signal.aborted).toBe(true);
  });

  it('says which kinds stopped a request, and shows nothing', async () => {
    const { transport } = recording([
      { type: 'blocked', reason: 'blocked', kinds: ['AWS_ACCESS_KEY_ID'], counts: {} }
    ]);
    const model = new CompletionModel(transport, FAST);
    expect(await collect(model.suggest('key = "', 7, 'python'))).toEqual([]);
    expect(model.status.state).toBe('blocked');
    expect(model.status.kinds).toEqual(['AWS_ACCESS_KEY_ID']);
    expect(model.status.message).toContain('AWS_ACCESS_KEY_ID');
    // typing on in the same cell: the indicator stays up instead of flickering
    const states: string[] = [];
    model.statusChanged.connect((_, status) => states.push(status.state));
    await collect(model.suggest('key = "x', 8, 'python'));
    expect(states).toEqual(['blocked']);
  });

  it('asks nothing for Markdown, when off, or for an empty prefix', async () => {
    const { calls, transport } = recording(STREAM);
    const model = new CompletionModel(transport, FAST);
    expect(await collect(model.suggest('# Patient notes', 15, 'markdown'))).toEqual([]);
    expect(await collect(model.suggest('   ', 3, 'python'))).toEqual([]);
    model.settings = { ...FAST, enabled: false };
    expect(await collect(model.suggest('x = ', 4, 'python'))).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('sends only the window around the cursor', () => {
    const model = new CompletionModel(recording([]).transport, {
      ...FAST,
      maxPrefixChars: 3,
      maxSuffixChars: 2
    });
    expect(model.window('abcdefgh', 5)).toEqual({ prefix: 'cde', suffix: 'fg' });
    model.settings = { ...model.settings, maxPrefixChars: 0 };
    expect(model.window('abcdefgh', 5).prefix).toBe('');
  });
});

describe('settings', () => {
  it('are narrowed by the admin, never widened', () => {
    const user = { ...DEFAULT_COMPLETION_SETTINGS, maxPrefixChars: 9000, maxSuffixChars: 10 };
    const admin = { enabled: true, model: 'coder', max_prefix_chars: 4000, max_suffix_chars: 1000 };
    const merged = effectiveSettings(user, admin);
    expect([merged.maxPrefixChars, merged.maxSuffixChars, merged.model]).toEqual([
      4000,
      10,
      'coder'
    ]);
    expect(effectiveSettings(user, { ...admin, enabled: false }).enabled).toBe(false);
    expect(effectiveSettings({ ...user, model: 'mine' }, admin).model).toBe('mine');
  });

  it('fall back to defaults for missing or odd values; Markdown is off by default', () => {
    const settings = completionSettingsFrom({ debounceMs: -1, languages: ['Python', 3] });
    expect(settings.debounceMs).toBe(DEFAULT_COMPLETION_SETTINGS.debounceMs);
    expect(settings.languages).toEqual(['python']);
    expect(completionSettingsFrom(undefined).languages).not.toContain('markdown');
  });

  it('name languages from editor MIME types', () => {
    expect(languageOf('text/x-ipython')).toBe('python');
    expect(languageOf('text/x-ipythongfm')).toBe('python');
    expect(languageOf('text/x-markdown')).toBe('markdown');
    expect(languageOf('text/x-rsrc')).toBe('r');
    expect(languageOf(undefined)).toBe('');
  });
});
