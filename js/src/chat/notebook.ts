/**
 * What the chat takes from and gives to the open notebook: the active cell, its
 * selection or its DataFrame display as context chips, and code inserted as a new,
 * unexecuted cell with provenance metadata. Nothing here is sent anywhere: the chips
 * go to the chat model, which has them scanned with the question.
 */
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

import {
  IContextItem,
  cellContext,
  schemaContext,
  schemaFromOutputs,
  selectionContext
} from '../context';
import { provenanceMetadata } from '../insert';
import { ChatModel, ITurn } from './model';

type Cell = NonNullable<NotebookPanel['content']['activeCell']>;

interface IActiveCell {
  panel: NotebookPanel;
  cell: Cell;
  index: number;
  language: string;
}

function uuid(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

export class NotebookBridge {
  constructor(
    private readonly tracker: INotebookTracker | null,
    private readonly chat: ChatModel
  ) {}

  addActiveCell(): void {
    this._add(({ cell, index, language }) => [
      cellContext(
        cell.model.id,
        index,
        cell.model.type,
        cell.model.sharedModel.getSource(),
        language
      ),
      `Cell ${index + 1} is empty.`
    ]);
  }

  addSelection(): void {
    this._add(({ cell, index, language }) => {
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
      return [
        selectionContext(cell.model.id, index, selected, language),
        `Nothing is selected in cell ${index + 1}: select some text in it first.`
      ];
    });
  }

  addSchema(): void {
    this._add(({ cell, index }) => {
      const outputs = (cell.model.toJSON() as { outputs?: unknown[] }).outputs ?? [];
      const schema = schemaFromOutputs(outputs);
      return [
        schema ? schemaContext(cell.model.id, index, schema) : null,
        `Cell ${index + 1} shows no DataFrame: run a cell that displays one ` +
          '(df, df.head() or df.info()) and select it.'
      ];
    });
  }

  /** Insert `code` below the active cell, never run, marked as the assistant's. */
  insertCode(turn: ITurn, code: string): boolean {
    const panel = this.tracker?.currentWidget;
    const shared = panel?.content.model?.sharedModel;
    if (!panel || !shared) {
      return false;
    }
    const index = Math.max(panel.content.activeCellIndex, -1) + 1;
    shared.insertCell(index, {
      cell_type: 'code',
      source: code,
      metadata: provenanceMetadata(turn.model, turn.promptSha256, uuid(), new Date()) as any
    });
    panel.content.activeCellIndex = index;
    void panel.content.scrollToItem(index, 'smart');
    return true;
  }

  /** The chip `make` builds from the active cell, or why there is none. */
  private _add(make: (active: IActiveCell) => [IContextItem | null, string]): void {
    const panel = this.tracker?.currentWidget;
    const cell = panel?.content.activeCell;
    if (!panel || !cell) {
      this.chat.noteContext('Open a notebook and select a cell first.');
      return;
    }
    const language =
      (panel.content.model?.metadata?.language_info as { name?: string } | undefined)?.name ??
      'python';
    const [item, empty] = make({ panel, cell, index: panel.content.activeCellIndex, language });
    this.chat.addContext(item, empty);
  }
}
