/**
 * Code the `%%safe_ai --insert` magic offers is inserted once, as a new code cell
 * right below the magic's cell, with provenance metadata; and the sidebar's
 * inserted cells carry the provenance `jupyter safeai generated` lists.
 */
import { INSERT_MIME, insertRendererFactory, provenanceMetadata } from '../insert';

describe('provenanceMetadata', () => {
  it('marks the cell as generated, by which model, for which prompt, when', () => {
    const digest = 'a'.repeat(64);
    expect(
      provenanceMetadata('tiny-coder', digest, 'cell-1', new Date('2024-05-01T10:00:00Z'))
    ).toEqual({
      safeai: {
        generated: true,
        model: 'tiny-coder',
        id: 'cell-1',
        prompt_sha256: digest,
        time: '2024-05-01T10:00:00.000Z'
      }
    });
  });

  it('records unknown model and digest as null, not as missing keys', () => {
    const { safeai } = provenanceMetadata(undefined, undefined, 'x', new Date(0));
    expect(safeai.model).toBeNull();
    expect(safeai.prompt_sha256).toBeNull();
    expect(Object.keys(safeai).sort()).toEqual(
      ['generated', 'id', 'model', 'prompt_sha256', 'time']
    );
  });
});

describe('insert renderer', () => {
  const request = {
    source: 'df.describe()',
    metadata: {
      safeai: {
        generated: true,
        id: 'offer-42',
        model: 'tiny-coder',
        prompt_sha256: 'b'.repeat(64),
        time: '2024-05-01T10:00:00Z'
      }
    }
  };

  /** A notebook of three cells; the renderer's output sits in cell `at`. */
  function notebook(at: number | null, existing: (string | undefined)[] = []) {
    const cellNodes = [0, 1, 2].map(() => {
      const node = document.createElement('div');
      node.className = 'jp-Cell';
      document.body.append(node);
      return node;
    });
    const insertCell = jest.fn();
    const panel = {
      content: {
        widgets: cellNodes.map((node, i) => ({
          node,
          model: {
            getMetadata: (key: string) =>
              key === 'safeai' && existing[i] ? { id: existing[i] } : undefined
          }
        })),
        model: { sharedModel: { insertCell } }
      }
    };
    const tracker = { forEach: (fn: (p: typeof panel) => void) => fn(panel) };
    const factory = insertRendererFactory(tracker as any);
    const renderer = factory.createRenderer({} as any) as any;
    (at === null ? document.body : cellNodes[at]).append(renderer.node);
    return { insertCell, renderer, factory, cleanup: () => cellNodes.forEach(n => n.remove()) };
  }

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
    document.body.replaceChildren();
  });

  async function render(renderer: any): Promise<string> {
    await renderer.renderModel({ data: { [INSERT_MIME]: request } });
    jest.advanceTimersByTime(100); // the next animation frame
    return renderer.node.querySelector('p').textContent;
  }

  it('is a safe renderer for the insert MIME type only', () => {
    const { factory } = notebook(0);
    expect(factory.safe).toBe(true);
    expect(factory.mimeTypes).toEqual([INSERT_MIME]);
  });

  it('inserts a code cell below the magic cell, with the provenance metadata', async () => {
    const { insertCell, renderer } = notebook(1);
    const note = await render(renderer);
    expect(insertCell).toHaveBeenCalledTimes(1);
    expect(insertCell).toHaveBeenCalledWith(2, {
      cell_type: 'code',
      source: 'df.describe()',
      metadata: request.metadata
    });
    expect(note).toBe(
      'Inserted below as a new cell (not run) — written by tiny-coder. Review it before you run it.'
    );
    expect(renderer.node.querySelector('pre').textContent).toBe('df.describe()');
  });

  it('does not insert the same offer twice when the output is rendered again', async () => {
    const { insertCell, renderer } = notebook(0, [undefined, 'offer-42']);
    const note = await render(renderer);
    expect(insertCell).not.toHaveBeenCalled();
    expect(note).toMatch(/already inserted below/);
  });

  it('inserts nothing outside a notebook cell', async () => {
    const { insertCell, renderer } = notebook(null);
    const note = await render(renderer);
    expect(insertCell).not.toHaveBeenCalled();
    expect(note).toMatch(/not in a notebook/);
  });
});
