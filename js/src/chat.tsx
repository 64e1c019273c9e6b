/**
 * The sidebar chat: a status line for the model, the conversation, and an
 * input labelled "Ask the assistant". What the server blocks is shown as kinds
 * of data found, never as the values.
 */
import { ReactWidget } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useRef, useState } from 'react';

import {
  ChatRefused,
  IChatMessage,
  IModelList,
  fetchModels,
  streamChat
} from './api';
import { shieldIcon } from './icon';

/** How many earlier turns go with a question (the default model has a small context). */
const HISTORY_TURNS = 6;
const POLL_MS = 2000;

interface ITurn {
  id: number;
  role: 'user' | 'assistant' | 'blocked' | 'error' | 'notice';
  content: string;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort()
    .map(([entity, n]) => (n > 1 ? `${entity} (${n})` : entity))
    .join(', ');
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
}): JSX.Element {
  const { models, selected, unreachable, speed } = props;
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

function ChatView(): JSX.Element {
  const [models, setModels] = useState<IModelList | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [turns, setTurns] = useState<ITurn[]>([]);
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [speed, setSpeed] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
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

  const append = (role: ITurn['role'], content: string): number => {
    const id = nextId.current++;
    setTurns(previous => [...previous, { id, role, content }]);
    return id;
  };
  const update = (id: number, change: (turn: ITurn) => ITurn) =>
    setTurns(previous => previous.map(t => (t.id === id ? change(t) : t)));

  const send = async () => {
    const question = input.trim();
    if (!question || busy) {
      return;
    }
    const history: IChatMessage[] = turns
      .filter(t => t.role === 'user' || t.role === 'assistant')
      .slice(-2 * HISTORY_TURNS)
      .map(t => ({ role: t.role as 'user' | 'assistant', content: t.content }));
    const questionId = append('user', question);
    setInput('');
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    let answerId: number | null = null;
    try {
      const events = streamChat(
        [...history, { role: 'user', content: question }],
        selected ?? models?.default ?? null,
        controller.signal
      );
      for await (const event of events) {
        if (event.type === 'token') {
          if (answerId === null) {
            answerId = append('assistant', event.content);
          } else {
            update(answerId, t => ({ ...t, content: t.content + event.content }));
          }
        } else if (event.type === 'gate') {
          if (Object.keys(event.redacted).length > 0) {
            append(
              'notice',
              `Sent with placeholders for ${describeCounts(
                event.redacted
              )}; the answer shows your values again.`
            );
          }
          for (const note of event.notes) {
            append('notice', note);
          }
        } else if (event.type === 'status') {
          void refreshModels();
        } else if (event.type === 'done') {
          setSpeed(
            event.tokens_per_second ? `${event.tokens_per_second} tokens/s` : ''
          );
          void refreshModels();
        } else if (event.type === 'error') {
          append('error', event.message);
        }
      }
    } catch (error) {
      if (answerId !== null) {
        const id = answerId;
        setTurns(previous =>
          previous.filter(t => t.id !== id || t.content.length > 0)
        );
      }
      if (error instanceof ChatRefused && error.blocked) {
        // The question never reached the model: keep it out of the history.
        update(questionId, t => ({ ...t, role: 'blocked' }));
        append(
          'blocked',
          `Blocked: the question contains ${describeCounts(
            error.blocked.counts
          )}. Nothing was sent to the model.`
        );
      } else if ((error as Error).name === 'AbortError') {
        append('error', 'Stopped.');
      } else {
        append('error', (error as Error).message || 'The server did not answer.');
      }
    } finally {
      abort.current = null;
      setBusy(false);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <div className="safeai-chat">
      <header className="safeai-header">
        <h2 className="safeai-title">Safe AI assistant</h2>
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
        />
      </header>
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
          >
            {turn.content}
          </div>
        ))}
        <div ref={logEnd} />
      </div>
      <div className="safeai-compose">
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
            className="jp-mod-styled jp-mod-accept safeai-send"
            onClick={() => void send()}
            disabled={!input.trim()}
          >
            Send
          </button>
        )}
      </div>
    </div>
  );
}

export class ChatSidebar extends ReactWidget {
  constructor() {
    super();
    this.id = 'safeai-sidebar';
    this.addClass('safeai-sidebar');
    this.title.icon = shieldIcon;
    this.title.caption = 'Safe AI assistant';
  }

  protected render(): JSX.Element {
    return <ChatView />;
  }
}
