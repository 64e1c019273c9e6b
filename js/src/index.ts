import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { ChatSidebar } from './chat';

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

export default plugin;
