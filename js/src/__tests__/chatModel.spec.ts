/**
 * The chat model without a view: models polled, the gate's preview debounced and never
 * stale, an answer streamed into the notebook's own conversation, a refusal giving the
 * question back, a busy model asked again after Retry-After, and Stop.
 */
import { Signal } from '@lumino/signaling';

import {
  ChatEvent,
  ChatRefused,
  IChatMessage,
  IChatOptions,
  IDecision,
  IModelList,
  PolicyRequest
} from '../api';
import { ChatModel, IChatApi } from '../chat/model';
import { IContextItem } from '../context';
import { WarningsModel } from '../warnings';

const MODELS: IModelList = {
  default: 'tiny-coder',
  models: [
    {
      name: 'tiny-coder',
      license: 'Apache-2.0',
      model_card: 'https://example.org/card',
      phi_allowed: false,
      state: 'loaded',
      loaded: true,
      error: null
    }
  ]
};

function decision(action: IDecision['action'], entity?: string): IDecision {
  return {
    action,
    blocked: action === 'block',
    message: '',
    counts: entity ? { [entity]: 1 } : {},
    policy: {},
    notes: [],
    findings: entity
      ? [{ part: 0, entity, category: 'phi', start: 0, end: 3, score: 0.9, mode: 'block' }]
      : []
  };
}

/** A stand-in for the open notebook: its path keys the conversation. */
class FakeWarnings {
  readonly changed = new Signal<this, void>(this);
  state = { path: 'a.ipynb' as string | null, total: 0 };
  policy: PolicyRequest | null = null;

  open(path: string | null): void {
    this.state = { ...this.state, path };
    this.changed.emit();
  }
}

interface IRecorded {
  messages: IChatMessage[];
  model: string | null;
  options: IChatOptions | undefined;
}

/** Server stand-ins: each chat call takes the next scripted reply. */
function fakeApi(replies: (ChatEvent[] | Error)[]) {
  const chats: IRecorded[] = [];
  const scans: string[][] = [];
  const api: IChatApi = {
    fetchModels: jest.fn(async () => MODELS),
    scanTexts: jest.fn(async (texts: string[]) => {
      scans.push(texts);
      return decision(texts[0].includes('SSN') ? 'block' : 'send', 'US_SSN');
    }),
    streamChat: (messages, model, signal, options) => {
      chats.push({ messages, model, options });
      const reply = replies.shift() ?? [];
      return (async function* () {
        if (reply instanceof Error) {
          throw reply;
        }
        for (const event of reply) {
          if (signal.aborted) {
            throw new DOMException('aborted', 'AbortError');
          }
          yield event;
          await new Promise(resolve => setTimeout(resolve, 1));
        }
      })();
    }
  };
  return { api, chats, scans };
}

const ANSWER: ChatEvent[] = [
  { type: 'gate', action: 'redact', counts: { PERSON: 1 }, redacted: { PERSON: 1 }, notes: [] },
  { type: 'token', content: 'Use ' },
  { type: 'token', content: 'pandas.' },
  { type: 'done', model: 'tiny-coder', tokens: 2, time_to_first_token: 0.1, tokens_per_second: 42 }
];

function until(model: ChatModel, test: () => boolean, ms = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (test()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    const check = () => {
      if (test()) {
        clearTimeout(timer);
        model.stateChanged.disconnect(check);
        resolve();
      }
    };
    model.stateChanged.connect(check);
  });
}

function make(replies: (ChatEvent[] | Error)[] = []) {
  const warnings = new FakeWarnings();
  const server = fakeApi(replies);
  const model = new ChatModel({
    warnings: warnings as unknown as WarningsModel,
    api: server.api,
    previewMs: 5,
    pollMs: 60_000
  });
  return { model, warnings, ...server };
}

const models: ChatModel[] = [];
afterEach(() => {
  models.splice(0).forEach(m => m.dispose());
});

function track<T extends { model: ChatModel }>(made: T): T {
  models.push(made.model);
  return made;
}

describe('ChatModel', () => {
  it('polls the approved models and says which one is ready', async () => {
    const { model } = track(make());
    await until(model, () => model.state.models !== null);
    expect(model.status.text).toBe('tiny-coder · loaded');
  });

  it('says the server is unreachable when the model list cannot be had', async () => {
    const { model, api } = track(make());
    (api.fetchModels as jest.Mock).mockRejectedValue(new TypeError('Failed to fetch'));
    await model.refreshModels();
    expect(model.state.unreachable).toBe(true);
    expect(model.status.state).toBe('error');
  });

  it('asks for one preview once typing pauses, and never shows a stale one', async () => {
    const { model, scans, api } = track(make());
    model.setInput('my S');
    model.setInput('my SS');
    model.setInput('my SSN 078-05-1120');
    await until(model, () => model.verdict !== null);
    expect(scans).toEqual([['my SSN 078-05-1120']]);
    // read as a prompt: messages joined, allow markers only where the admin lets them
    expect((api.scanTexts as jest.Mock).mock.calls[0][3]).toBe('prompt');
    expect(model.verdict?.action).toBe('block');
    model.setInput('something else');
    expect(model.verdict).toBeNull(); // the old verdict was about other text
    await until(model, () => model.verdict !== null);
    expect(model.verdict?.action).toBe('send');
  });

  it('scans each context chip with the question and drops chips of another notebook', async () => {
    const { model, warnings, scans } = track(make());
    const chip: IContextItem = {
      id: 'cell:1',
      kind: 'cell',
      label: 'Cell 1',
      detail: 'The source of cell 1',
      text: 'Cell 1 (code):\nx = 1'
    };
    model.setInput('why?');
    model.addContext(chip, 'empty');
    model.addContext(chip, 'empty'); // pressed twice: added once
    await until(model, () => model.verdict !== null);
    expect(scans[scans.length - 1]).toEqual(['why?', 'Cell 1 (code):\nx = 1']);
    warnings.open('b.ipynb');
    expect(model.state.items).toEqual([]);
    model.addContext(null, 'Cell 2 is empty.');
    expect(model.state.contextNote).toBe('Cell 2 is empty.');
  });

  it('streams an answer into the notebook conversation and sends the history', async () => {
    const { model, chats } = track(make([ANSWER, ANSWER]));
    await model.refreshModels();
    model.setInput('How do I read a CSV?');
    await model.send();
    const roles = model.state.turns.map(t => t.role);
    expect(roles).toEqual(['user', 'notice', 'assistant']);
    const answer = model.state.turns[2];
    expect(answer.content).toBe('Use pandas.');
    expect(answer.streaming).toBe(false);
    expect(answer.model).toBe('tiny-coder');
    expect(model.state.input).toBe('');
    expect(model.state.busy).toBe(false);
    expect(model.status.text).toBe('tiny-coder · loaded · 42 tokens/s');
    expect(chats[0].model).toBe('tiny-coder');

    model.setInput('And a TSV?');
    await model.send();
    expect(chats[1].messages.map(m => m.content)).toEqual([
      'How do I read a CSV?',
      'Use pandas.',
      'And a TSV?'
    ]);
  });

  it('keeps one conversation per notebook', async () => {
    const { model, warnings } = track(make([ANSWER]));
    model.setInput('In a');
    await model.send();
    expect(model.state.turns.length).toBe(3);
    warnings.open('b.ipynb');
    expect(model.state.turns).toEqual([]);
    warnings.open('a.ipynb');
    expect(model.state.turns.length).toBe(3);
    model.clear();
    expect(model.state.turns).toEqual([]);
  });

  it('gives a refused question back with its context and says why', async () => {
    const refusal = new ChatRefused(422, 'blocked', {
      message: 'blocked',
      counts: { US_SSN: 1 },
      reason: 'blocked'
    });
    const { model } = track(make([refusal]));
    model.setInput('SSN 078-05-1120');
    await model.send();
    expect(model.state.turns.map(t => t.role)).toEqual(['blocked', 'blocked']);
    expect(model.state.turns[1].content).toContain('US_SSN');
    expect(model.state.turns[1].content).not.toContain('078-05-1120');
    expect(model.state.input).toBe('SSN 078-05-1120');
  });

  it('asks a busy model again after its Retry-After', async () => {
    const busy = new ChatRefused(429, 'busy', null, 1, 3);
    const { model, chats } = track(make([busy, ANSWER]));
    const seen: string[] = [];
    model.stateChanged.connect(() => {
      const notice = model.state.turns.find(t => t.kind === 'busy');
      if (notice && !seen.includes(notice.content)) {
        seen.push(notice.content);
      }
    });
    model.setInput('Plot it');
    await model.send();
    expect(chats.length).toBe(2);
    expect(seen).toEqual(['Model busy — 3 waiting, retrying in 1 s']);
    // the countdown line is gone once the answer came
    expect(model.state.turns.map(t => t.role)).toEqual(['user', 'notice', 'assistant']);
  });

  it('sends nothing when the user cancels while the model is busy', async () => {
    const busy = new ChatRefused(429, 'busy', null, 5, 1);
    const { model, chats } = track(make([busy, ANSWER]));
    model.setInput('Plot it');
    const sent = model.send();
    await until(model, () => model.state.turns.some(t => t.kind === 'busy'));
    model.stop();
    await sent;
    expect(chats.length).toBe(1);
    expect(model.state.turns.map(t => t.role)).toEqual(['unsent', 'error']);
    expect(model.state.turns[1].content).toBe(
      'Cancelled while the model was busy: nothing was sent.'
    );
    expect(model.state.input).toBe('Plot it');
  });

  it('stops a streaming answer and keeps what had arrived', async () => {
    const long: ChatEvent[] = Array.from({ length: 200 }, (_, i) => ({
      type: 'token' as const,
      content: `t${i} `
    }));
    const { model } = track(make([long]));
    model.setInput('Explain');
    const sent = model.send();
    await until(model, () => model.state.turns.some(t => t.role === 'assistant'));
    model.stop();
    await sent;
    const turns = model.state.turns;
    expect(turns[turns.length - 1].content).toBe('Stopped.');
    const answer = turns.find(t => t.role === 'assistant')!;
    expect(answer.streaming).toBe(false);
    expect(answer.content.split(' ').length).toBeLessThan(200);
  });
});
