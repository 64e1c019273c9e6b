/**
 * The pieces of the chat view: the model picker and status line, the conversation,
 * the context chips and the composer. Each renders what it is given and reports
 * clicks; none keeps state of its own beyond the DOM.
 */
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import React from 'react';

import { IDecision, IModelList } from '../api';
import { IContextItem } from '../context';
import { describeFindings, describePart, sendButton } from '../describe';
import { IModelStatus } from '../messages';
import { Answer } from '../markdown';
import { ITurn } from './model';

export function ModelPicker(props: {
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

export function ModelStatus(props: { status: IModelStatus }): JSX.Element {
  const { text, state } = props.status;
  return (
    <div className="safeai-status" data-state={state} role="status" aria-live="polite">
      <span className="safeai-status-dot" aria-hidden="true" />
      <span className="safeai-status-text">{text}</span>
    </div>
  );
}

/** The chips of context added to the question, each with what the gate would do with it. */
export function ContextChips(props: {
  items: readonly IContextItem[];
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

/** The conversation: questions, answers (Markdown with code actions) and notices. */
export function Conversation(props: {
  turns: readonly ITurn[];
  busy: boolean;
  rendermime: IRenderMimeRegistry | null;
  onInsert: (turn: ITurn, code: string) => boolean;
  onCancel: () => void;
}): JSX.Element {
  const { turns, busy, rendermime, onInsert, onCancel } = props;
  const end = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [turns]);
  return (
    <div className="safeai-log" role="log" aria-label="Conversation">
      {turns.length === 0 && (
        <p className="safeai-empty">
          Ask for code or an explanation. Every question is scanned for patient data and
          secrets before the local model sees it.
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
              onInsert={code => onInsert(turn, code)}
            />
          ) : (
            <>
              {turn.shown ?? turn.content}
              {turn.context && turn.context.length > 0 && (
                <span className="safeai-turn-context">with {turn.context.join(', ')}</span>
              )}
              {turn.kind === 'busy' && busy && (
                <button className="jp-mod-styled safeai-cancel-retry" onClick={onCancel}>
                  Cancel
                </button>
              )}
            </>
          )}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

/** The buttons that add notebook context to the question. */
export function ContextButtons(props: {
  onCell: () => void;
  onSelection: () => void;
  onSchema: () => void;
}): JSX.Element {
  return (
    <div
      className="safeai-context-buttons"
      role="toolbar"
      aria-label="Add notebook context to the question"
    >
      <button
        className="jp-mod-styled safeai-add-cell"
        onClick={props.onCell}
        title="Add the active cell's source to the question (scanned before sending)"
      >
        Add active cell
      </button>
      <button
        className="jp-mod-styled safeai-add-selection"
        onMouseDown={event => event.preventDefault()}
        onClick={props.onSelection}
        title="Add the text selected in the active cell (scanned before sending)"
      >
        Add selection
      </button>
      <button
        className="jp-mod-styled safeai-add-schema"
        onClick={props.onSchema}
        title="Add the column names, types and row count of the DataFrame the active cell shows — never its values"
      >
        Add DataFrame schema
      </button>
    </div>
  );
}

/** What the gate would do with the question as typed: kinds and modes, never values. */
export function Preview(props: {
  verdict: IDecision | null;
  error: string | null;
}): JSX.Element {
  const { verdict, error } = props;
  return (
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
      {error && <span className="safeai-preview-note">{error}</span>}
    </div>
  );
}

/** The question box with Send (labelled by the gate's verdict) or Stop while answering. */
export function Composer(props: {
  input: string;
  busy: boolean;
  verdict: IDecision | null;
  onInput: (text: string) => void;
  onSend: (acknowledge: boolean) => void;
  onStop: () => void;
}): JSX.Element {
  const { input, busy, verdict, onInput, onSend, onStop } = props;
  const { label, disabled, acknowledge } = sendButton(verdict, input);
  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      // The server decides: a blocked question is refused there and explained here.
      onSend(acknowledge);
    }
  };
  return (
    <div className="safeai-compose-row">
      <textarea
        id="safeai-chat-input"
        className="safeai-chat-input"
        aria-label="Ask the assistant"
        placeholder="Ask the assistant"
        value={input}
        rows={3}
        onChange={event => onInput(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button className="jp-mod-styled jp-mod-warn safeai-stop" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button
          className={`jp-mod-styled ${
            verdict?.action === 'block' ? 'jp-mod-reject' : 'jp-mod-accept'
          } safeai-send`}
          data-action={verdict?.action ?? 'unknown'}
          onClick={() => onSend(acknowledge)}
          disabled={disabled}
        >
          {label}
        </button>
      )}
    </div>
  );
}
