import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { Widget } from '@lumino/widgets';

import { PolicyRequest, fetchPolicy } from './api';
import { ChatModel } from './chat/model';
import { ChatSidebar } from './chat/view';
import { insertRendererFactory } from './insert';
import { WarningsModel } from './warnings';

const PLUGIN_ID = 'jupyter-safeai:plugin';
const CATEGORIES = ['phi', 'secret', 'genomic'] as const;
const MODES = ['warn', 'redact', 'block'];

const insertPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-safeai:insert',
  description: 'Inserts code offered by `%%safe_ai --insert` as a new, unexecuted cell.',
  autoStart: true,
  requires: [IRenderMimeRegistry, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    tracker: INotebookTracker
  ) => {
    rendermime.addFactory(insertRendererFactory(tracker), 0);
  }
};

/** The user's requested modes; empty ("use the admin policy") ones are left out. */
function policyFromSettings(value: unknown): PolicyRequest | null {
  const policy: PolicyRequest = {};
  const modes = (value ?? {}) as Record<string, unknown>;
  for (const category of CATEGORIES) {
    const mode = modes[category];
    if (typeof mode === 'string' && MODES.includes(mode)) {
      policy[category] = mode as PolicyRequest['phi'];
    }
  }
  return Object.keys(policy).length > 0 ? policy : null;
}

/** The status bar: active model and the number of warnings in the active notebook. */
class StatusItem extends Widget {
  constructor(
    private readonly chat: ChatModel,
    private readonly warnings: WarningsModel,
    private readonly open: () => void
  ) {
    super({ node: document.createElement('button') });
    this.addClass('safeai-statusbar');
    this.node.setAttribute('type', 'button');
    this.node.addEventListener('click', () => this.open());
    chat.stateChanged.connect(this._onChatChanged, this);
    warnings.changed.connect(this.update, this);
    this.update();
  }

  /** Only a new status line (not every streamed token) redraws the item. */
  private _onChatChanged(): void {
    const status = this.chat.status.text;
    if (status !== this._status) {
      this._status = status;
      this.update();
    }
  }

  protected onUpdateRequest(): void {
    const state = this.warnings.state;
    const status = this.chat.status.text;
    const model = status.split(' · ')[0] || 'Safe AI';
    const count = state.path ? `${state.total} ⚠` : '';
    this.node.textContent = count ? `${model} · ${count}` : model;
    this.node.dataset.count = String(state.total);
    const label = `Safe AI: ${status || 'connecting'}${
      state.path ? `; ${state.total} warning${state.total === 1 ? '' : 's'} in this notebook` : ''
    }. Open the assistant.`;
    this.node.title = label;
    this.node.setAttribute('aria-label', label);
  }

  private _status = '';
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'A sidebar chat with an admin-approved local model, behind a PHI and secrets gate.',
  autoStart: true,
  requires: [ILabShell],
  optional: [INotebookTracker, IRenderMimeRegistry, ISettingRegistry, IStatusBar],
  activate: (
    app: JupyterFrontEnd,
    shell: ILabShell,
    tracker: INotebookTracker | null,
    rendermime: IRenderMimeRegistry | null,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null
  ) => {
    const warnings = new WarningsModel(
      tracker ?? ({ currentWidget: null, currentChanged: { connect: () => false } } as any)
    );
    const chat = new ChatModel({ warnings });
    const sidebar = new ChatSidebar({
      model: chat,
      warnings,
      tracker,
      rendermime,
      openSettings: settingRegistry
        ? () => void app.commands.execute('settingeditor:open', { query: 'Safe AI' })
        : undefined
    });
    shell.add(sidebar, 'right', { rank: 200 });
    const open = () => shell.activateById(sidebar.id);
    app.commands.addCommand('safeai:open', {
      label: 'Open the Safe AI assistant',
      execute: open
    });

    // A count on the sidebar tab (data-safeai-count on the tab, shown by CSS).
    const showCount = () => {
      const { total, path } = warnings.state;
      const dataset = { ...sidebar.title.dataset };
      if (path && total > 0) {
        dataset['safeai-count'] = String(total);
      } else {
        delete dataset['safeai-count'];
      }
      if (dataset['safeai-count'] !== sidebar.title.dataset['safeai-count']) {
        sidebar.title.dataset = dataset;
      }
      sidebar.title.caption =
        path && total > 0
          ? `Safe AI assistant — ${total} warning${total === 1 ? '' : 's'}`
          : 'Safe AI assistant';
    };
    warnings.changed.connect(showCount);

    if (statusBar) {
      statusBar.registerStatusItem('jupyter-safeai:status', {
        item: new StatusItem(chat, warnings, open),
        align: 'left',
        rank: 5
      });
    }

    // The admin floor and request size limit; retried until the server answers.
    const loadPolicy = async () => {
      try {
        warnings.policyInfo = await fetchPolicy();
      } catch {
        window.setTimeout(() => void loadPolicy(), 10_000);
      }
    };
    void loadPolicy();

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            warnings.setPolicy(policyFromSettings(settings.get('defaultMode').composite));
            warnings.setScanOutputs(settings.get('scanOutputs').composite !== false);
          };
          settings.changed.connect(apply);
          apply();
        })
        .catch(reason => {
          console.warn('jupyter-safeai: settings not loaded', reason);
        });
    }
    console.log('JupyterLab extension jupyter-safeai is activated!');
  }
};

export default [plugin, insertPlugin];
