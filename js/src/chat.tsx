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
  ChatRefused,
  IChatMessage,
  IDecision,
  IModelList,
  fetchModels,
  scanTexts,
  streamChat
} from './api';
import {
  describeFindings,
  redactedNotice,
  refusalNotice,
  sendButton
} from './describe';
import { shieldIcon } from './icon';
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
  role: 'user' | 'assistant' | 'blocked' | 'error' | 'notice';
  content: string;
  streaming?: boolean;
  /** For answers: the model and the digest of the prompt, for inserted cells. */
  model?: string;
  promptSha256?: string;
}

/** The server's verdict on the text currently in the input. */
interface IPreview {
  text: string;
  decision: IDecision | null;
  error: string | null;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
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
  let text: string;
  let state = 'unknown';
  if (unreachable) {
    text = 'Server unreachable';
    state = 'error';
  } else if (!models) {
    text = 'Connecting…';
  } else if (!models.default || models.models.length === 0) {
    text = `No approved model${models.error ? `: ${models.error}` : ''}`;
    state = 'error';
  } else {
    const current =
      models.models.find(m => m.name === (selected ?? models.default)) ?? models.models[0];
    state = current.state;
    const label: Record<string, string> = {
      not_loaded: 'not loaded yet (loads on first question)',
      verifying: `checking sha256… ${Math.round((current.progress ?? 0) * 100)}%`,
      loading: 'loading…',
      loaded: 'loaded',
      error: `failed: ${current.error ?? 'unknown error'}`
    };
    text = `${current.name} · ${label[current.state]}${speed ? ` · ${speed}` : ''}`;
  }
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

export interface IChatViewProps {
  warnings: WarningsModel;
  tracker: INotebookTracker | null;
  rendermime: IRenderMimeRegistry | null;
  onStatus: (text: string) => void;
}

function ChatView(props: IChatViewProps): JSX.Element {
  const { warnings, tracker, rendermime, onStatus } = props;
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

  const policyKey = JSON.stringify(warnings.policy ?? {});
  // Pre-send preview: what the server's gate would do with the question as typed.
  useEffect(() => {
    const text = input.trim();
    if (!text) {
      setPreview(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      scanTexts([text], warnings.policy, controller.signal)
        .then(decision => setPreview({ text, decision, error: null }))
        .catch(error => {
          if ((error as Error).name !== 'AbortError') {
            setPreview({ text, decision: null, error: 'Preview unavailable' });
          }
        });
    }, PREVIEW_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [input, warnings, policyKey]);

  const current = preview && preview.text === input.trim() ? preview : null;
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
    const history: IChatMessage[] = turns
      .filter(t => t.role === 'user' || t.role === 'assistant')
      .slice(-2 * HISTORY_TURNS)
      .map(t => ({ role: t.role as 'user' | 'assistant', content: t.content }));
    const messages: IChatMessage[] = [...history, { role: 'user', content: question }];
    const model = selected ?? models?.default ?? null;
    const questionId = append(conversation, 'user', question);
    setInput('');
    setPreview(null);
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    let answerId: number | null = null;
    let digest: string | undefined;
    try {
      digest = await sha256(JSON.stringify(messages.map(m => m.content)));
    } catch {
      digest = undefined; // insecure context: no WebCrypto
    }
    try {
      const events = streamChat(messages, model, controller.signal, {
        acknowledge,
        policy: warnings.policy
      });
      for await (const event of events) {
        if (event.type === 'token') {
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
          const notice = redactedNotice(event.redacted);
          if (notice) {
            append(conversation, 'notice', notice);
          }
          for (const note of event.notes) {
            append(conversation, 'notice', note);
          }
        } else if (event.type === 'status') {
          void refreshModels();
        } else if (event.type === 'done') {
          setSpeed(
            event.tokens_per_second ? `${event.tokens_per_second} tokens/s` : ''
          );
          if (answerId !== null) {
            update(conversation, answerId, t => ({ ...t, model: event.model }));
          }
          void refreshModels();
        } else if (event.type === 'error') {
          append(conversation, 'error', event.message);
        }
      }
    } catch (error) {
      if (answerId !== null) {
        const id = answerId;
        change(conversation, list =>
          list.filter(t => t.id !== id || t.content.length > 0)
        );
      }
      if (error instanceof ChatRefused && error.blocked) {
        // The question never reached the model: keep it out of the history.
        update(conversation, questionId, t => ({ ...t, role: 'blocked' }));
        append(conversation, 'blocked', refusalNotice(error.blocked));
        if (error.blocked.reason === 'needs_acknowledgement') {
          setInput(question);
          setPreview({
            text: question,
            decision: error.blocked as unknown as IDecision,
            error: null
          });
        }
      } else if ((error as Error).name === 'AbortError') {
        append(conversation, 'error', 'Stopped.');
      } else {
        append(
          conversation,
          'error',
          (error as Error).message || 'The server did not answer.'
        );
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
              turn.content
            )}
          </div>
        ))}
        <div ref={logEnd} />
      </div>
      <div className="safeai-compose">
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
