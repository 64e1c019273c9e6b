import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';

import { ChatSidebar } from './chat';
import { insertRendererFactory } from './insert';

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

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-safeai:plugin',
  description: 'A sidebar chat with an admin-approved local model, behind a PHI and secrets gate.',
  autoStart: true,
  requires: [ILabShell],
  activate: (app: JupyterFrontEnd, shell: ILabShell) => {
    const sidebar = new ChatSidebar();
    shell.add(sidebar, 'right', { rank: 200 });
    app.commands.addCommand('safeai:open', {
      label: 'Open the Safe AI assistant',
      execute: () => shell.activateById(sidebar.id)
    });
    console.log('JupyterLab extension jupyter-safeai is activated!');
  }
};

export default [plugin, insertPlugin];
