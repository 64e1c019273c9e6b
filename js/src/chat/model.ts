/**
 * The sidebar chat's state and behaviour, apart from its React view (as JupyterLab's
 * own models are): the approved models (polled), one conversation per notebook, the
 * question being written with its context chips, the gate's preview verdict on it,
 * and the send / retry / stream loop. The view renders `state` and calls methods;
 * the status bar reads `status`. The server decides policy; this only asks.
 */
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import {
  ChatEvent,
  ChatRefused,
  IChatMessage,
  IDecision,
  IModelList,
  PolicyRequest,
  fetchModels,
  scanTexts,
  streamChat
} from '../api';
import { MAX_RETRIES, busyInfo, busyMessage, countdown } from '../busy';
import { IContextItem, addItem, composePrompt } from '../context';
import { redactedNotice, refusalNotice } from '../describe';
import { IModelStatus, chatErrorMessage, modelStatus, statusNotice } from '../messages';
import { WarningsModel } from '../warnings';

/** How many earlier turns go with a question (the default model has a small context). */
export const HISTORY_TURNS = 6;
export const POLL_MS = 2000;
export const PREVIEW_MS = 400;

export interface ITurn {
  id: number;
  /** 'unsent': a question that never left (cancelled while the model was busy). */
  role: 'user' | 'assistant' | 'blocked' | 'error' | 'notice' | 'unsent';
  /** What was sent (for the history); for questions with context, the composed prompt. */
  content: string;
  /** What the conversation shows instead of `content` (the question without context). */
  shown?: string;
  /** Labels of the context chips sent with a question. */
  context?: string[];
  /** A notice waiting for something: a busy model's countdown, the model's queue. */
  kind?: 'busy' | 'queued';
  streaming?: boolean;
  /** For answers: the model and the digest of the prompt, for inserted cells. */
  model?: string;
  promptSha256?: string;
}

/** The server's verdict on the scanned parts (question, then each context item). */
export interface IPreview {
  /** The parts it is about, as JSON: a verdict on other text is stale. */
  text: string;
  decision: IDecision | null;
  error: string | null;
}

export interface IChatState {
  readonly models: IModelList | null;
  readonly unreachable: boolean;
  /** The model the user picked; null follows the server's default. */
  readonly selected: string | null;
  /** "83 tokens/s" after an answer, until another model is picked. */
  readonly speed: string;
  /** The notebook whose conversation is shown ('' when none is open). */
  readonly conversation: string;
  readonly turns: readonly ITurn[];
  readonly input: string;
  /** Notebook context for the next question; it belongs to the notebook it came from. */
  readonly items: readonly IContextItem[];
  /** Why a context button added nothing ("Open a notebook…"). */
  readonly contextNote: string | null;
  readonly busy: boolean;
  /** The preview for the question and context as they are now (never a stale one). */
  readonly preview: IPreview | null;
}

/** The server calls the chat makes; tests pass stand-ins. */
export interface IChatApi {
  fetchModels: typeof fetchModels;
  scanTexts: typeof scanTexts;
  streamChat: typeof streamChat;
}

export namespace ChatModel {
  export interface IOptions {
    /** The open notebook (its path keys the conversation) and the user's policy. */
    warnings: WarningsModel;
    api?: IChatApi;
    pollMs?: number;
    previewMs?: number;
  }
}

async function sha256(text: string): Promise<string | undefined> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined; // insecure context: no WebCrypto
  }
}

/** `first`, then the rest of `rest`. */
async function* prepend<T>(first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}

function policyKey(policy: PolicyRequest | null): string {
  return JSON.stringify(policy ?? {});
}

export class ChatModel implements IDisposable {
  constructor(options: ChatModel.IOptions) {
    this._warnings = options.warnings;
    this._api = options.api ?? { fetchModels, scanTexts, streamChat };
    this._previewMs = options.previewMs ?? PREVIEW_MS;
    this._policyKey = policyKey(this._warnings.policy);
    this._state = {
      models: null,
      unreachable: false,
      selected: null,
      speed: '',
      conversation: this._warnings.state.path ?? '',
      turns: [],
      input: '',
      items: [],
      contextNote: null,
      busy: false,
      preview: null
    };
    this._warnings.changed.connect(this._onWarningsChanged, this);
    this._poll = new Poll({
      auto: true,
      factory: () => this.refreshModels(),
      frequency: { interval: options.pollMs ?? POLL_MS, backoff: false },
      name: 'jupyter-safeai:models'
    });
  }

  get state(): IChatState {
    return this._state;
  }

  /** Emitted after every change of `state`. */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  /** The model line ("name · loaded", or why there is none), for the view and status bar. */
  get status(): IModelStatus {
    const { models, selected, unreachable, speed } = this._state;
    return modelStatus(models, selected, unreachable, speed);
  }

  /** The gate's verdict on the question and context as they are now, if known. */
  get verdict(): IDecision | null {
    return this._state.preview?.decision ?? null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    this._cancelPreview();
    this._abort?.abort();
    this._warnings.changed.disconnect(this._onWarningsChanged, this);
    Signal.clearData(this);
  }

  async refreshModels(): Promise<void> {
    try {
      const models = await this._api.fetchModels();
      this._set({ models, unreachable: false });
    } catch {
      this._set({ unreachable: true });
    }
  }

  setInput(input: string): void {
    if (input !== this._state.input) {
      this._set({ input });
      this._schedulePreview();
    }
  }

  select(name: string): void {
    this._set({ selected: name, speed: '' });
  }

  /** Add a context chip, or say why there is none (`empty`). */
  addContext(item: IContextItem | null, empty: string): void {
    if (item) {
      this._set({ items: addItem([...this._state.items], item), contextNote: null });
      this._schedulePreview();
    } else {
      this._set({ contextNote: empty });
    }
  }

  /** Say why a context button could not act (no notebook, no cell). */
  noteContext(note: string): void {
    this._set({ contextNote: note });
  }

  removeContext(id: string): void {
    this._set({ items: this._state.items.filter(item => item.id !== id) });
    this._schedulePreview();
  }

  /** Forget the current notebook's conversation (it was kept in memory only). */
  clear(): void {
    if (!this._state.busy) {
      this._change(this._state.conversation, () => []);
    }
  }

  /** Stop the answer being streamed, or give up waiting for a busy model. */
  stop(): void {
    this._abort?.abort();
  }

  /**
   * Ask the server: the question and its context with the recent history. The server's
   * gate decides; a refusal is explained in the conversation and the question given
   * back. A busy model (429) is asked again after its Retry-After until `stop()`.
   */
  async send(acknowledge = false): Promise<void> {
    const question = this._state.input.trim();
    if (!question || this._state.busy) {
      return;
    }
    const conversation = this._state.conversation;
    const context = this._state.items;
    const content = composePrompt(question, [...context]);
    const history: IChatMessage[] = this._state.turns
      .filter(t => t.role === 'user' || t.role === 'assistant')
      .slice(-2 * HISTORY_TURNS)
      .map(t => ({ role: t.role as 'user' | 'assistant', content: t.content }));
    const messages: IChatMessage[] = [...history, { role: 'user', content }];
    const model = this._state.selected ?? this._state.models?.default ?? null;
    const questionId = this._append(conversation, 'user', content, {
      shown: question,
      context: context.map(item => item.label)
    });
    this._cancelPreview();
    this._set({ input: '', items: [], contextNote: null, preview: null, busy: true });
    const giveBack = () => {
      this._set({ input: question, items: context });
      this._schedulePreview();
    };
    const controller = new AbortController();
    this._abort = controller;
    const answer = { id: null as number | null };
    let waitingId: number | null = null;
    let wasBusy = false;
    const settle = () => {
      // the countdown or queue line has done its job once an answer (or error) arrives
      if (waitingId !== null) {
        const id = waitingId;
        this._change(conversation, list => list.filter(t => t.id !== id));
        waitingId = null;
      }
    };
    const waiting = (kind: 'busy' | 'queued', text: string) => {
      if (waitingId === null) {
        waitingId = this._append(conversation, 'notice', text, { kind });
      } else {
        this._update(conversation, waitingId, t => ({ ...t, kind, content: text }));
      }
    };
    const digest = await sha256(JSON.stringify(messages.map(m => m.content)));
    try {
      for (let attempt = 0; ; attempt++) {
        let events: AsyncGenerator<ChatEvent>;
        try {
          events = this._api.streamChat(messages, model, controller.signal, {
            acknowledge,
            policy: this._warnings.policy
          });
          // The first event (or the refusal) comes before anything is shown.
          const first = await events.next();
          if (first.done) {
            break;
          }
          events = prepend(first.value, events);
        } catch (error) {
          if (error instanceof ChatRefused && error.status === 429 && attempt < MAX_RETRIES) {
            // The model is busy: wait what the server asked, then ask again.
            const info = busyInfo(error);
            wasBusy = true;
            await countdown(info.retryAfter, controller.signal, left =>
              waiting('busy', busyMessage(info, left))
            );
            wasBusy = false;
            continue;
          }
          throw error;
        }
        for await (const event of events) {
          this._onEvent(conversation, event, answer, { settle, waiting, model, digest });
        }
        break;
      }
    } catch (error) {
      settle();
      if (answer.id !== null) {
        const id = answer.id;
        this._change(conversation, list => list.filter(t => t.id !== id || t.content.length > 0));
      }
      if (error instanceof ChatRefused && error.blocked) {
        // The question never reached the model: keep it out of the history, and give
        // it back (with its context) so the user can change it.
        this._update(conversation, questionId, t => ({ ...t, role: 'blocked' }));
        this._append(conversation, 'blocked', refusalNotice(error.blocked));
        giveBack();
        if (error.blocked.reason === 'needs_acknowledgement') {
          this._cancelPreview();
          this._set({
            preview: {
              text: this._partsKey(),
              decision: error.blocked as unknown as IDecision,
              error: null
            }
          });
        }
      } else if ((error as Error).name === 'AbortError') {
        if (answer.id === null && wasBusy) {
          this._update(conversation, questionId, t => ({ ...t, role: 'unsent' }));
          giveBack();
          this._append(
            conversation,
            'error',
            'Cancelled while the model was busy: nothing was sent.'
          );
        } else {
          this._append(conversation, 'error', 'Stopped.');
        }
      } else {
        if (answer.id === null) {
          this._update(conversation, questionId, t => ({ ...t, role: 'unsent' }));
          giveBack();
        }
        this._append(conversation, 'error', chatErrorMessage(error));
      }
    } finally {
      if (answer.id !== null) {
        this._update(conversation, answer.id, t => ({ ...t, streaming: false }));
      }
      this._abort = null;
      this._set({ busy: false });
    }
  }

  /** One event of the answer stream, into the conversation it belongs to. */
  private _onEvent(
    conversation: string,
    event: ChatEvent,
    answer: { id: number | null },
    turn: {
      settle: () => void;
      waiting: (kind: 'queued', text: string) => void;
      model: string | null;
      digest: string | undefined;
    }
  ): void {
    switch (event.type) {
      case 'token':
        turn.settle();
        if (answer.id === null) {
          answer.id = this._append(conversation, 'assistant', event.content, {
            streaming: true,
            model: turn.model ?? undefined,
            promptSha256: turn.digest
          });
        } else {
          this._update(conversation, answer.id, t => ({
            ...t,
            content: t.content + event.content
          }));
        }
        break;
      case 'gate': {
        turn.settle();
        const notice = redactedNotice(event.redacted);
        if (notice) {
          this._append(conversation, 'notice', notice);
        }
        for (const note of event.notes) {
          this._append(conversation, 'notice', note);
        }
        break;
      }
      case 'status': {
        const text = statusNotice(event);
        if (text) {
          turn.waiting('queued', text);
        }
        void this.refreshModels();
        break;
      }
      case 'done':
        turn.settle();
        this._set({
          speed: event.tokens_per_second ? `${event.tokens_per_second} tokens/s` : ''
        });
        if (answer.id !== null) {
          this._update(conversation, answer.id, t => ({ ...t, model: event.model }));
        }
        void this.refreshModels();
        break;
      case 'error':
        turn.settle();
        this._append(conversation, 'error', chatErrorMessage(new Error(event.message)));
        break;
    }
  }

  /** The open notebook changed (new conversation, chips dropped) or the user's policy did. */
  private _onWarningsChanged(): void {
    const conversation = this._warnings.state.path ?? '';
    if (conversation !== this._state.conversation) {
      this._set({ conversation, items: [], contextNote: null });
      this._schedulePreview();
    }
    const key = policyKey(this._warnings.policy);
    if (key !== this._policyKey) {
      this._policyKey = key;
      this._schedulePreview();
    }
  }

  /** The scanned parts: part 0 is the question, part i the i-th chip. */
  private _parts(): string[] {
    return [this._state.input.trim(), ...this._state.items.map(item => item.text)];
  }

  private _partsKey(): string {
    return JSON.stringify(this._parts());
  }

  /** Ask for the gate's verdict once typing pauses; any newer text cancels the request. */
  private _schedulePreview(): void {
    this._cancelPreview();
    const texts = this._parts();
    if (this._state.preview?.text !== JSON.stringify(texts)) {
      this._set({ preview: null });
    }
    if (texts.every(t => !t)) {
      return;
    }
    const controller = new AbortController();
    this._previewAbort = controller;
    const key = JSON.stringify(texts);
    this._previewTimer = window.setTimeout(() => {
      const policy = this._warnings.policy;
      this._api
        .scanTexts(
          texts,
          policy && Object.keys(policy).length ? policy : null,
          controller.signal,
          'prompt' // the server reads the parts joined, with the prompt's marker policy
        )
        .then(decision => {
          if (!controller.signal.aborted) {
            this._set({ preview: { text: key, decision, error: null } });
          }
        })
        .catch(error => {
          if ((error as Error).name !== 'AbortError' && !controller.signal.aborted) {
            this._set({ preview: { text: key, decision: null, error: 'Preview unavailable' } });
          }
        });
    }, this._previewMs);
  }

  private _cancelPreview(): void {
    window.clearTimeout(this._previewTimer);
    this._previewAbort?.abort();
    this._previewAbort = null;
  }

  private _change(conversation: string, edit: (turns: ITurn[]) => ITurn[]): void {
    const previous = this._conversations.get(conversation) ?? [];
    this._conversations.set(conversation, edit(previous));
    this._set({});
  }

  private _append(
    conversation: string,
    role: ITurn['role'],
    content: string,
    extra: Partial<ITurn> = {}
  ): number {
    const id = this._nextId++;
    this._change(conversation, list => [...list, { id, role, content, ...extra }]);
    return id;
  }

  private _update(conversation: string, id: number, edit: (turn: ITurn) => ITurn): void {
    this._change(conversation, list => list.map(t => (t.id === id ? edit(t) : t)));
  }

  /** A new state object (the view compares by identity), then the signal. */
  private _set(changes: Partial<IChatState>): void {
    if (this._isDisposed) {
      return;
    }
    const next = { ...this._state, ...changes };
    this._state = {
      ...next,
      turns: this._conversations.get(next.conversation) ?? []
    };
    this._stateChanged.emit();
  }

  private readonly _warnings: WarningsModel;
  private readonly _api: IChatApi;
  private readonly _previewMs: number;
  private readonly _poll: Poll;
  private readonly _conversations = new Map<string, ITurn[]>();
  private readonly _stateChanged = new Signal<this, void>(this);
  private _state: IChatState;
  private _policyKey: string;
  private _abort: AbortController | null = null;
  private _previewAbort: AbortController | null = null;
  private _previewTimer = 0;
  private _nextId = 0;
  private _isDisposed = false;
}
