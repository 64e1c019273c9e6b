/**
 * The sidebar: the chat model's state rendered (model picker and status, the admin
 * floor, the notebook's warnings, the conversation, context chips and composer).
 * What the server blocks is shown as kinds of data found, never as the values.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';

import { shieldIcon } from '../icon';
import { useSignalValue } from '../signalValue';
import { WarningsModel } from '../warnings';
import { PolicyFloor, WarningsPanel, usePolicyInfo } from '../warningsPanel';
import {
  Composer,
  ContextButtons,
  ContextChips,
  Conversation,
  ModelPicker,
  ModelStatus,
  Preview
} from './components';
import { ChatModel, IChatState } from './model';
import { NotebookBridge } from './notebook';

export function useChatState(model: ChatModel): IChatState {
  return useSignalValue(model.stateChanged, () => model.state);
}

export interface IChatViewProps {
  model: ChatModel;
  warnings: WarningsModel;
  notebook: NotebookBridge;
  rendermime: IRenderMimeRegistry | null;
  /** Opens this extension's settings (the user's stricter modes). */
  openSettings?: () => void;
}

function ChatView(props: IChatViewProps): JSX.Element {
  const { model, warnings, notebook, rendermime, openSettings } = props;
  const state = useChatState(model);
  const policyInfo = usePolicyInfo(warnings);
  const verdict = state.preview?.decision ?? null;
  return (
    <div className="safeai-chat">
      <header className="safeai-header">
        <div className="safeai-title-row">
          <h2 className="safeai-title">Safe AI assistant</h2>
          <button
            className="jp-mod-styled safeai-clear"
            onClick={() => model.clear()}
            disabled={state.turns.length === 0 || state.busy}
            aria-label="Clear this notebook's conversation"
            title="Forget this notebook's conversation (kept in memory only)"
          >
            Clear
          </button>
        </div>
        <ModelPicker
          models={state.models}
          selected={state.selected ?? state.models?.default ?? null}
          onSelect={name => model.select(name)}
        />
        <ModelStatus status={model.status} />
        <PolicyFloor
          info={policyInfo}
          requested={warnings.policy as Record<string, string> | null}
          onOpenSettings={openSettings}
        />
      </header>
      <WarningsPanel model={warnings} />
      <Conversation
        turns={state.turns}
        busy={state.busy}
        rendermime={rendermime}
        onInsert={(turn, code) => notebook.insertCode(turn, code)}
        onCancel={() => model.stop()}
      />
      <div className="safeai-compose">
        <ContextButtons
          onCell={() => notebook.addActiveCell()}
          onSelection={() => notebook.addSelection()}
          onSchema={() => notebook.addSchema()}
        />
        {state.contextNote && (
          <p className="safeai-context-note" role="status">
            {state.contextNote}
          </p>
        )}
        <ContextChips
          items={state.items}
          verdict={verdict}
          onRemove={id => model.removeContext(id)}
        />
        <Preview verdict={verdict} error={state.preview?.error ?? null} />
        <Composer
          input={state.input}
          busy={state.busy}
          verdict={verdict}
          onInput={text => model.setInput(text)}
          onSend={acknowledge => void model.send(acknowledge)}
          onStop={() => model.stop()}
        />
      </div>
    </div>
  );
}

export class ChatSidebar extends ReactWidget {
  constructor(
    private readonly options: {
      model: ChatModel;
      warnings: WarningsModel;
      tracker: INotebookTracker | null;
      rendermime: IRenderMimeRegistry | null;
      openSettings?: () => void;
    }
  ) {
    super();
    this.id = 'safeai-sidebar';
    this.addClass('safeai-sidebar');
    this.title.icon = shieldIcon;
    this.title.caption = 'Safe AI assistant';
    this._notebook = new NotebookBridge(options.tracker, options.model);
  }

  protected render(): JSX.Element {
    const { model, warnings, rendermime, openSettings } = this.options;
    return (
      <ChatView
        model={model}
        warnings={warnings}
        notebook={this._notebook}
        rendermime={rendermime}
        openSettings={openSettings}
      />
    );
  }

  private readonly _notebook: NotebookBridge;
}
