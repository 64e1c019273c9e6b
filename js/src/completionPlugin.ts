/**
 * Ghost-text completions in notebook cells, through the server's gate: a JupyterLab
 * inline completion provider over `CompletionModel`, its settings, and a small
 * status-bar item that says when the gate stopped a completion (kinds only).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import {
  CompletionHandler,
  ICompletionProviderManager,
  IInlineCompletionContext,
  IInlineCompletionItem,
  IInlineCompletionList,
  IInlineCompletionProvider
} from '@jupyterlab/completer';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { Widget } from '@lumino/widgets';

import { policyFromSettings } from './api';
import {
  CompletionModel,
  ICompletionSettings,
  IAdminLimits,
  completionSettingsFrom,
  effectiveSettings,
  fetchAdminLimits,
  languageOf,
  serverTransport
} from './completion';
import { shieldIcon } from './icon';

const COMPLETIONS_ID = 'jupyter-safeai:completions';
const POLICY_ID = 'jupyter-safeai:plugin';
export const PROVIDER_ID = 'jupyter-safeai';

/** The provider: each fetch supersedes the last; the suggestion streams in. */
export class SafeInlineProvider implements IInlineCompletionProvider {
  readonly identifier = PROVIDER_ID;
  readonly name = 'Safe AI';
  readonly icon = shieldIcon;
  /** JupyterLab's own per-provider settings: our model debounces, and a slow model on a
   * busy machine may need longer than the default 5 s for its first words. */
  readonly schema = {
    default: { debouncerDelay: 0, timeout: 20000, autoFillInMiddle: true }
  };

  constructor(readonly model: CompletionModel) {}

  async fetch(
    request: CompletionHandler.IRequest,
    context: IInlineCompletionContext
  ): Promise<IInlineCompletionList> {
    const token = String(++this._counter);
    const stream = this.model.suggest(request.text, request.offset, languageOf(request.mimeType));
    const first = await stream.next();
    if (first.done || token !== String(this._counter)) {
      void stream.return(undefined);
      return { items: [] };
    }
    this._streams.set(token, stream);
    const item: IInlineCompletionItem = {
      insertText: first.value,
      isIncomplete: true,
      token
    };
    return { items: [item] };
  }

  async *stream(token: string): AsyncGenerator<{ response: IInlineCompletionItem }> {
    const stream = this._streams.get(token);
    this._streams.delete(token);
    if (!stream) {
      return;
    }
    for await (const text of stream) {
      yield { response: { insertText: text } };
    }
  }

  private _counter = 0;
  private _streams = new Map<string, AsyncGenerator<string>>();
}

/** Shown only when the gate stopped a completion, saying which kinds of data. */
class CompletionStatus extends Widget {
  constructor(private readonly model: CompletionModel) {
    super();
    this.addClass('safeai-completion-status');
    model.statusChanged.connect(this.update, this);
    this.update();
  }

  protected onUpdateRequest(): void {
    const { state, kinds } = this.model.status;
    const blocked = state === 'blocked';
    this.node.dataset.state = state;
    this.node.textContent = blocked ? `⊘ no completion: ${kinds.join(', ')}` : '';
    this.node.title = blocked
      ? `Safe AI did not ask for a completion: this cell holds ${kinds.join(', ')}, which ` +
        'the policy does not let leave the notebook.'
      : '';
    this.setHidden(!blocked);
  }
}

export const completionPlugin: JupyterFrontEndPlugin<void> = {
  id: COMPLETIONS_ID,
  description: 'Inline code completions (ghost text) through the Safe AI gate.',
  autoStart: true,
  requires: [ICompletionProviderManager],
  optional: [ISettingRegistry, IStatusBar],
  activate: (
    app: JupyterFrontEnd,
    manager: ICompletionProviderManager,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null
  ) => {
    const model = new CompletionModel(serverTransport);
    let user: ICompletionSettings = model.settings;
    let admin: IAdminLimits | null = null;
    const apply = () => {
      model.settings = effectiveSettings(user, admin);
    };
    // Until the server states its limits, nothing is asked.
    model.settings = { ...model.settings, enabled: false };
    void fetchAdminLimits().then(limits => {
      admin = limits ?? { enabled: false, model: null, max_prefix_chars: 0, max_suffix_chars: 0 };
      apply();
    });
    if (settingRegistry) {
      void settingRegistry.load(COMPLETIONS_ID).then(settings => {
        const read = () => {
          user = completionSettingsFrom(settings.composite);
          if (admin) {
            apply();
          }
        };
        settings.changed.connect(read);
        read();
      });
      void settingRegistry.load(POLICY_ID).then(settings => {
        const read = () => {
          model.policy = policyFromSettings(settings.get('defaultMode').composite);
        };
        settings.changed.connect(read);
        read();
      });
    }
    manager.registerInlineProvider(new SafeInlineProvider(model));
    if (statusBar) {
      statusBar.registerStatusItem('jupyter-safeai:completion-status', {
        item: new CompletionStatus(model),
        align: 'left',
        rank: 6
      });
    }
  }
};
