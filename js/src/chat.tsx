/**
 * The sidebar chat: a status line for the model, the conversation, and an
 * input labelled "Ask the assistant". What the server blocks is shown as kinds
 * of data found, never as the values.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ReactWidget } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import React, { useCallback, useEffect, useRef, useState } from 'react';

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
} from './api';
import { MAX_RETRIES, busyInfo, busyMessage, countdown } from './busy';
import {
  IContextItem,
  addItem,
  cellContext,
  composePrompt,
  schemaContext,
  schemaFromOutputs,
  selectionContext
} from './context';
import {
  describeFindings,
  describePart,
  redactedNotice,
  refusalNotice,
  sendButton
} from './describe';
import { shieldIcon } from './icon';
import { chatErrorMessage, modelStatus, statusNotice } from './messages';
import { provenanceMetadata } from './insert';
import { Answer } from './markdown';
import { WarningsModel } from './warnings';
import { PolicyFloor, usePolicyInfo, useWarnings } from './warningsPanel';
import { WarningsPanel } from './warningsPanel';

/** How many earlier turns go with a question (the default model has a small context). */
const HISTORY_TURNS = 6;
const POLL_MS = 2000;

const PREVIEW_MS = 400;

interface ITurn {
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

/** The server's verdict on the question and context currently in the input. */
interface IPreview {
  /** The scanned parts (question, then each context item), as JSON. */
  text: string;
  decision: IDecision | null;
  error: string | null;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** `first`, then the rest of `rest`. */
async function* prepend<T>(first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}

function uuid(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

function ModelPicker(props: {
  models: IModelList | null;
  selected: string | null;
  onSelect: (name: string) => void;
}): JSX.Element | null {
  const { models, selected, onSelect } = props;
  if (!models || models.models.length === 0) {
    return null;
  }
  const current = models.models.find(m => m.name === selected) ?? models.models[0];
  const isUrl = /^https?:\/\//.test(current.model_card);
  return (
    <div className="safeai-model">
      <select
        className="safeai-model-picker"
        aria-label="Model"
        value={current.name}
        onChange={event => onSelect(event.target.value)}
      >
        {models.models.map(m => (
          <option key={m.name} value={m.name}>
            {m.name} · {m.license}
          </option>
        ))}
      </select>
      <div className="safeai-model-facts">
        {isUrl ? (
          <a href={current.model_card} target="_blank" rel="noopener noreferrer">
            model card
          </a>
        ) : (
          <span title={current.model_card}>model card (text)</span>
        )}
        {!current.phi_allowed && (
          <span
            className="safeai-badge"
            title="Not approved for PHI: identifiers are replaced or blocked before this model sees them."
          >
            not for PHI
          </span>
        )}
      </div>
    </div>
  );
}

function ModelStatus(props: {
  models: IModelList | null;
  selected: string | null;
  unreachable: boolean;
  speed: string;
  onText?: (text: string) => void;
}): JSX.Element {
  const { models, selected, unreachable, speed, onText } = props;
  const { text, state } = modelStatus(models, selected, unreachable, speed);
  useEffect(() => onText?.(text), [text, onText]);
  return (
    <div
      className="safeai-status"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="safeai-status-dot" aria-hidden="true" />
      <span className="safeai-status-text">{text}</span>
    </div>
  );
}

/** The chips of context added to the question, each with what the gate would do with it. */
function ContextChips(props: {
  items: IContextItem[];
  verdict: IDecision | null;
  onRemove: (id: string) => void;
}): JSX.Element | null {
  const { items, verdict, onRemove } = props;
  if (items.length === 0) {
    return null;
  }
  return (
    <ul className="safeai-context" aria-label="Context added to the question">
      {items.map((item, i) => {
        const part = describePart(verdict, i + 1);
        return (
          <li
            key={item.id}
            className="safeai-context-chip"
            data-kind={item.kind}
            data-action={part.action ?? ''}
          >
            <details>
              <summary title={item.detail}>
                <span className="safeai-context-label">{item.label}</span>
                <span className="safeai-context-verdict">{part.text}</span>
              </summary>
              <p className="safeai-context-detail">{item.detail}</p>
              <pre className="safeai-context-text">{item.text}</pre>
            </details>
            <button
              className="safeai-context-remove"
              aria-label={`Remove ${item.label} from the question`}
              title="Remove"
              onClick={() => onRemove(item.id)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export interface IChatViewProps {
  warnings: WarningsModel;
  tracker: INotebookTracker | null;
  rendermime: IRenderMimeRegistry | null;
  /** Opens this extension's settings (the user's stricter modes). */
  openSettings?: () => void;
  onStatus: (text: string) => void;
}

function ChatView(props: IChatViewProps): JSX.Element {
  const { warnings, tracker, rendermime, openSettings, onStatus } = props;
  const notebook = useWarnings(warnings);
  const policyInfo = usePolicyInfo(warnings);
  const [models, setModels] = useState<IModelList | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  // One conversation per notebook path, in memory only ('' when no notebook is open).
  const [conversations, setConversations] = useState<Map<string, ITurn[]>>(
    () => new Map()
  );
  const key = notebook.path ?? '';
  const turns = conversations.get(key) ?? [];
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [speed, setSpeed] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [preview, setPreview] = useState<IPreview | null>(null);
  // Notebook context for the next question; it belongs to the notebook it came from.
  const [items, setItems] = useState<IContextItem[]>([]);
  const [contextNote, setContextNote] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const nextId = useRef(0);
  const logEnd = useRef<HTMLDivElement>(null);

  const refreshModels = useCallback(async () => {
    try {
      setModels(await fetchModels());
      setUnreachable(false);
    } catch {
      setUnreachable(true);
    }
  }, []);

  useEffect(() => {
    void refreshModels();
    const timer = window.setInterval(() => void refreshModels(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refreshModels]);

  useEffect(() => {
    logEnd.current?.scrollIntoView?.({ block: 'end' });
  }, [turns]);

  useEffect(() => {
    setItems([]);
    setContextNote(null);
  }, [key]);

  // The user's modes from Settings, as state: a change re-runs the preview.
  const [policyKey, setPolicyKey] = useState(() => JSON.stringify(warnings.policy ?? {}));
  useEffect(() => {
    const update = () => setPolicyKey(JSON.stringify(warnings.policy ?? {}));
    warnings.changed.connect(update);
    update();
    return () => {
      warnings.changed.disconnect(update);
    };
  }, [warnings]);
  // Pre-send preview: what the server's gate would do with the question as typed and
  // each piece of context (part 0 is the question, part i the i-th chip).
  const parts = [input.trim(), ...items.map(item => item.text)];
  const partsKey = JSON.stringify(parts);
  useEffect(() => {
    const texts = JSON.parse(partsKey) as string[];
    if (texts.every(t => !t)) {
      setPreview(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      const policy = JSON.parse(policyKey) as PolicyRequest;
      scanTexts(
        texts,
        Object.keys(policy).length ? policy : null,
        controller.signal,
        'prompt'
      )
        .then(decision => setPreview({ text: partsKey, decision, error: null }))
        .catch(error => {
          if ((error as Error).name !== 'AbortError') {
            setPreview({ text: partsKey, decision: null, error: 'Preview unavailable' });
          }
        });
    }, PREVIEW_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [partsKey, policyKey]);

  const current = preview && preview.text === partsKey ? preview : null;
  const verdict = current?.decision ?? null;

  const change = (conversation: string, edit: (turns: ITurn[]) => ITurn[]) =>
    setConversations(previous => {
      const next = new Map(previous);
      next.set(conversation, edit(previous.get(conversation) ?? []));
      return next;
    });
  const append = (
    conversation: string,
    role: ITurn['role'],
    content: string,
    extra: Partial<ITurn> = {}
  ): number => {
    const id = nextId.current++;
    change(conversation, list => [...list, { id, role, content, ...extra }]);
    return id;
  };
  const update = (conversation: string, id: number, edit: (turn: ITurn) => ITurn) =>
    change(conversation, list => list.map(t => (t.id === id ? edit(t) : t)));

  /** The active cell of the current notebook, with what context needs of it. */
  const activeCell = () => {
    const panel = tracker?.currentWidget;
    const cell = panel?.content.activeCell;
    if (!panel || !cell) {
      setContextNote('Open a notebook and select a cell first.');
      return null;
    }
    const language =
      (panel.content.model?.metadata?.language_info as { name?: string } | undefined)
        ?.name ?? 'python';
    return { panel, cell, index: panel.content.activeCellIndex, language };
  };
  const addContext = (item: IContextItem | null, empty: string) => {
    if (item) {
      setItems(list => addItem(list, item));
      setContextNote(null);
    } else {
      setContextNote(empty);
    }
  };
  const addActiveCell = () => {
    const active = activeCell();
    if (active) {
      const { cell, index, language } = active;
      addContext(
        cellContext(
          cell.model.id,
          index,
          cell.model.type,
          cell.model.sharedModel.getSource(),
          language
        ),
        `Cell ${index + 1} is empty.`
      );
    }
  };
  const addSelection = () => {
    const active = activeCell();
    if (!active) {
      return;
    }
    const { cell, index, language } = active;
    const editor = cell.editor;
    const source = cell.model.sharedModel.getSource();
    const selected = (editor?.getSelections() ?? [])
      .map(range => {
        const a = editor!.getOffsetAt(range.start);
        const b = editor!.getOffsetAt(range.end);
        return source.slice(Math.min(a, b), Math.max(a, b));
      })
      .filter(text => text.length > 0)
      .join('\n');
    addContext(
      selectionContext(cell.model.id, index, selected, language),
      `Nothing is selected in cell ${index + 1}: select some text in it first.`
    );
  };
  const addSchema = () => {
    const active = activeCell();
    if (!active) {
      return;
    }
    const { cell, index } = active;
    const outputs = (cell.model.toJSON() as { outputs?: unknown[] }).outputs ?? [];
    const schema = schemaFromOutputs(outputs);
    addContext(
      schema ? schemaContext(cell.model.id, index, schema) : null,
      `Cell ${index + 1} shows no DataFrame: run a cell that displays one ` +
        '(df, df.head() or df.info()) and select it.'
    );
  };

  const insertCode = (turn: ITurn, code: string): boolean => {
    const panel = tracker?.currentWidget;
    const shared = panel?.content.model?.sharedModel;
    if (!panel || !shared) {
      return false;
    }
    const index = Math.max(panel.content.activeCellIndex, -1) + 1;
    shared.insertCell(index, {
      cell_type: 'code',
      source: code,
      metadata: provenanceMetadata(
        turn.model,
        turn.promptSha256,
        uuid(),
        new Date()
      ) as any
    });
    panel.content.activeCellIndex = index;
    void panel.content.scrollToItem(index, 'smart');
    return true;
  };

  const send = async (acknowledge = false) => {
    const question = input.trim();
    if (!question || busy) {
      return;
    }
    const conversation = key;
    const context = items;
    const content = composePrompt(question, context);
    const history: IChatMessage[] = turns
      .filter(t => t.role === 'user' || t.role === 'assistant')
      .slice(-2 * HISTORY_TURNS)
      .map(t => ({ role: t.role as 'user' | 'assistant', content: t.content }));
    const messages: IChatMessage[] = [...history, { role: 'user', content }];
    const model = selected ?? models?.default ?? null;
    const questionId = append(conversation, 'user', content, {
      shown: question,
      context: context.map(item => item.label)
    });
    setInput('');
    setItems([]);
    setContextNote(null);
    setPreview(null);
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    let answerId: number | null = null;
    let waitingId: number | null = null;
    let wasBusy = false;
    const settle = () => {
      // the countdown or queue line has done its job once an answer (or error) arrives
      if (waitingId !== null) {
        const id = waitingId;
        change(conversation, list => list.filter(t => t.id !== id));
        waitingId = null;
      }
    };
    const waiting = (kind: 'busy' | 'queued', text: string) => {
      if (waitingId === null) {
        waitingId = append(conversation, 'notice', text, { kind });
      } else {
        update(conversation, waitingId, t => ({ ...t, kind, content: text }));
      }
    };
    let digest: string | undefined;
    try {
      digest = await sha256(JSON.stringify(messages.map(m => m.content)));
    } catch {
      digest = undefined; // insecure context: no WebCrypto
    }
    try {
      for (let attempt = 0; ; attempt++) {
        let events: AsyncGenerator<ChatEvent>;
        try {
          events = streamChat(messages, model, controller.signal, {
            acknowledge,
            policy: warnings.policy
          });
          // The first event (or the refusal) comes before anything is shown.
          const first = await events.next();
          if (first.done) {
            break;
          }
          events = prepend(first.value, events);
        } catch (error) {
          if (
            error instanceof ChatRefused &&
            error.status === 429 &&
            attempt < MAX_RETRIES
          ) {
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
          if (event.type === 'token') {
            settle();
            if (answerId === null) {
              answerId = append(conversation, 'assistant', event.content, {
                streaming: true,
                model: model ?? undefined,
                promptSha256: digest
              });
            } else {
              update(conversation, answerId, t => ({
                ...t,
                content: t.content + event.content
              }));
            }
          } else if (event.type === 'gate') {
            settle();
            const notice = redactedNotice(event.redacted);
            if (notice) {
              append(conversation, 'notice', notice);
            }
            for (const note of event.notes) {
              append(conversation, 'notice', note);
            }
          } else if (event.type === 'status') {
            const text = statusNotice(event);
            if (text) {
              waiting('queued', text);
            }
            void refreshModels();
          } else if (event.type === 'done') {
            settle();
            setSpeed(
              event.tokens_per_second ? `${event.tokens_per_second} tokens/s` : ''
            );
            if (answerId !== null) {
              update(conversation, answerId, t => ({ ...t, model: event.model }));
            }
            void refreshModels();
          } else if (event.type === 'error') {
            settle();
            append(conversation, 'error', chatErrorMessage(new Error(event.message)));
          }
        }
        break;
      }
    } catch (error) {
      settle();
      if (answerId !== null) {
        const id = answerId;
        change(conversation, list =>
          list.filter(t => t.id !== id || t.content.length > 0)
        );
      }
      if (error instanceof ChatRefused && error.blocked) {
        // The question never reached the model: keep it out of the history, and give
        // it back (with its context) so the user can change it.
        update(conversation, questionId, t => ({ ...t, role: 'blocked' }));
        append(conversation, 'blocked', refusalNotice(error.blocked));
        setInput(question);
        setItems(context);
        if (error.blocked.reason === 'needs_acknowledgement') {
          setPreview({
            text: JSON.stringify([question, ...context.map(item => item.text)]),
            decision: error.blocked as unknown as IDecision,
            error: null
          });
        }
      } else if ((error as Error).name === 'AbortError') {
        if (answerId === null && wasBusy) {
          update(conversation, questionId, t => ({ ...t, role: 'unsent' }));
          setInput(question); // not sent: give it back
          setItems(context);
          append(conversation, 'error', 'Cancelled while the model was busy: nothing was sent.');
        } else {
          append(conversation, 'error', 'Stopped.');
        }
      } else {
        if (answerId === null) {
          update(conversation, questionId, t => ({ ...t, role: 'unsent' }));
          setInput(question); // not sent: give it back
          setItems(context);
        }
        append(conversation, 'error', chatErrorMessage(error));
      }
    } finally {
      if (answerId !== null) {
        const id = answerId;
        update(conversation, id, t => ({ ...t, streaming: false }));
      }
      abort.current = null;
      setBusy(false);
    }
  };

  const {
    label: sendLabel,
    disabled: sendDisabled,
    acknowledge
  } = sendButton(verdict, input);
  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      // The server decides: a blocked question is refused there and explained here.
      void send(acknowledge);
    }
  };

  return (
    <div className="safeai-chat">
      <header className="safeai-header">
        <div className="safeai-title-row">
          <h2 className="safeai-title">Safe AI assistant</h2>
          <button
            className="jp-mod-styled safeai-clear"
            onClick={() => change(key, () => [])}
            disabled={turns.length === 0 || busy}
            aria-label="Clear this notebook's conversation"
            title="Forget this notebook's conversation (kept in memory only)"
          >
            Clear
          </button>
        </div>
        <ModelPicker
          models={models}
          selected={selected ?? models?.default ?? null}
          onSelect={name => {
            setSelected(name);
            setSpeed('');
          }}
        />
        <ModelStatus
          models={models}
          selected={selected}
          unreachable={unreachable}
          speed={speed}
          onText={onStatus}
        />
        <PolicyFloor
          info={policyInfo}
          requested={warnings.policy as Record<string, string> | null}
          onOpenSettings={openSettings}
        />
      </header>
      <WarningsPanel model={warnings} />
      <div className="safeai-log" role="log" aria-label="Conversation">
        {turns.length === 0 && (
          <p className="safeai-empty">
            Ask for code or an explanation. Every question is scanned for
            patient data and secrets before the local model sees it.
          </p>
        )}
        {turns.map(turn => (
          <div
            key={turn.id}
            className={`safeai-turn safeai-turn-${turn.role}`}
            data-role={turn.role}
            data-kind={turn.kind}
            data-streaming={turn.streaming ? 'true' : undefined}
          >
            {turn.role === 'assistant' ? (
              <Answer
                text={turn.content}
                streaming={!!turn.streaming}
                rendermime={rendermime}
                onInsert={code => insertCode(turn, code)}
              />
            ) : (
              <>
                {turn.shown ?? turn.content}
                {turn.context && turn.context.length > 0 && (
                  <span className="safeai-turn-context">
                    with {turn.context.join(', ')}
                  </span>
                )}
                {turn.kind === 'busy' && busy && (
                  <button
                    className="jp-mod-styled safeai-cancel-retry"
                    onClick={() => abort.current?.abort()}
                  >
                    Cancel
                  </button>
                )}
              </>
            )}
          </div>
        ))}
        <div ref={logEnd} />
      </div>
      <div className="safeai-compose">
        <div
          className="safeai-context-buttons"
          role="toolbar"
          aria-label="Add notebook context to the question"
        >
          <button
            className="jp-mod-styled safeai-add-cell"
            onClick={addActiveCell}
            title="Add the active cell's source to the question (scanned before sending)"
          >
            Add active cell
          </button>
          <button
            className="jp-mod-styled safeai-add-selection"
            onMouseDown={event => event.preventDefault()}
            onClick={addSelection}
            title="Add the text selected in the active cell (scanned before sending)"
          >
            Add selection
          </button>
          <button
            className="jp-mod-styled safeai-add-schema"
            onClick={addSchema}
            title="Add the column names, types and row count of the DataFrame the active cell shows — never its values"
          >
            Add DataFrame schema
          </button>
        </div>
        {contextNote && (
          <p className="safeai-context-note" role="status">
            {contextNote}
          </p>
        )}
        <ContextChips
          items={items}
          verdict={verdict}
          onRemove={id => setItems(list => list.filter(item => item.id !== id))}
        />
        <div
          className="safeai-preview"
          role="status"
          aria-live="polite"
          data-action={verdict?.action ?? ''}
        >
          {verdict && verdict.findings.length > 0 && (
            <span className="safeai-preview-text">{describeFindings(verdict)}</span>
          )}
          {verdict?.notes.map((note, i) => (
            <span key={i} className="safeai-preview-note">
              {note}
            </span>
          ))}
          {current?.error && (
            <span className="safeai-preview-note">{current.error}</span>
          )}
        </div>
        <div className="safeai-compose-row">
          <textarea
            id="safeai-chat-input"
            className="safeai-chat-input"
            aria-label="Ask the assistant"
            placeholder="Ask the assistant"
            value={input}
            rows={3}
            onChange={event => setInput(event.target.value)}
            onKeyDown={onKeyDown}
          />
          {busy ? (
            <button
              className="jp-mod-styled jp-mod-warn safeai-stop"
              onClick={() => abort.current?.abort()}
            >
              Stop
            </button>
          ) : (
            <button
              className={`jp-mod-styled ${
                verdict?.action === 'block' ? 'jp-mod-reject' : 'jp-mod-accept'
              } safeai-send`}
              data-action={verdict?.action ?? 'unknown'}
              onClick={() => void send(acknowledge)}
              disabled={sendDisabled}
            >
              {sendLabel}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

export class ChatSidebar extends ReactWidget {
  constructor(private readonly options: Omit<IChatViewProps, 'onStatus'>) {
    super();
    this.id = 'safeai-sidebar';
    this.addClass('safeai-sidebar');
    this.title.icon = shieldIcon;
    this.title.caption = 'Safe AI assistant';
  }

  /** The model line ("name · loaded"), for the status bar. */
  get modelStatus(): string {
    return this._modelStatus;
  }

  get statusChanged(): ISignal<this, void> {
    return this._statusChanged;
  }

  protected render(): JSX.Element {
    return <ChatView {...this.options} onStatus={this._onStatus} />;
  }

  private _onStatus = (text: string): void => {
    if (text !== this._modelStatus) {
      this._modelStatus = text;
      this._statusChanged.emit();
    }
  };

  private _modelStatus = '';
  private _statusChanged = new Signal<this, void>(this);
}
