/**
 * Inserts the code the `%%safe_ai --insert` magic offers as a new cell below the
 * magic's cell — never run — with provenance metadata, so AI-written code can be
 * told from human-written code. The kernel only asks; a person runs the cell.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

export const INSERT_MIME = 'application/vnd.jupyter-safeai.insert+json';

interface IInsertRequest {
  source: string;
  metadata: { safeai: { id: string; model: string | null; [key: string]: unknown } };
}

/** Provenance of a cell the sidebar's assistant wrote (what `jupyter safeai generated` lists). */
export interface IProvenance {
  safeai: {
    generated: true;
    model: string | null;
    id: string;
    prompt_sha256: string | null;
    time: string;
  };
}

/** The metadata of a cell inserted from an answer: who wrote it, for which prompt, when. */
export function provenanceMetadata(
  model: string | undefined,
  promptSha256: string | undefined,
  id: string,
  time: Date
): IProvenance {
  return {
    safeai: {
      generated: true,
      model: model ?? null,
      id,
      prompt_sha256: promptSha256 ?? null,
      time: time.toISOString()
    }
  };
}

class InsertRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(private readonly tracker: INotebookTracker) {
    super();
    this.addClass('safeai-insert');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const request = model.data[INSERT_MIME] as unknown as IInsertRequest;
    const note = document.createElement('p');
    const code = document.createElement('pre');
    code.textContent = request.source;
    this.node.replaceChildren(note, code);
    // The output is attached to its cell after rendering: insert on the next frame.
    window.requestAnimationFrame(() => {
      note.textContent = this.insert(request)
        ? `Inserted below as a new cell (not run) — written by ${
            request.metadata.safeai.model ?? 'the model'
          }. Review it before you run it.`
        : 'Code from the assistant (already inserted below, or not in a notebook).';
    });
  }

  private insert(request: IInsertRequest): boolean {
    const cellNode = this.node.closest('.jp-Cell');
    let done = false;
    this.tracker.forEach(panel => {
      const notebook = panel.content;
      const index = notebook.widgets.findIndex(cell => cell.node === cellNode);
      const sharedModel = notebook.model?.sharedModel;
      if (done || index < 0 || !sharedModel) {
        return;
      }
      // Re-rendering a saved output must not insert the same code twice.
      const already = notebook.widgets.some(
        cell =>
          (cell.model.getMetadata('safeai') as { id?: string } | undefined)?.id ===
          request.metadata.safeai.id
      );
      if (!already) {
        sharedModel.insertCell(index + 1, {
          cell_type: 'code',
          source: request.source,
          metadata: request.metadata as any
        });
        done = true;
      }
    });
    return done;
  }
}

export function insertRendererFactory(
  tracker: INotebookTracker
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [INSERT_MIME],
    defaultRank: 0,
    createRenderer: () => new InsertRenderer(tracker)
  };
}
