/**
 * Answers: while streaming they are plain text; once done they are rendered as
 * untrusted Markdown and every code block — and only code blocks — gets
 * "Insert below" and "Copy", which act on the code without a trailing newline.
 */
import React, { act } from 'react';
import { Root, createRoot } from 'react-dom/client';

import { Answer, addCodeActions } from '../markdown';

jest.mock('@jupyterlab/apputils', () => ({
  Clipboard: { copyToSystem: jest.fn() }
}));
jest.mock('@jupyterlab/rendermime', () => ({
  MimeModel: jest.fn().mockImplementation((options: unknown) => ({ options }))
}));

const { Clipboard } = jest.requireMock('@jupyterlab/apputils') as {
  Clipboard: { copyToSystem: jest.Mock };
};
const { MimeModel } = jest.requireMock('@jupyterlab/rendermime') as {
  MimeModel: jest.Mock;
};

(globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;

const ANSWER_HTML = `
  <p>Read the file, then count:</p>
  <pre><code class="language-python">import pandas as pd
df = pd.read_csv("visits.csv")
</code></pre>
  <p>Inline <code>df.shape</code> is not a block.</p>
  <pre>plain preformatted
</pre>`;

function host(html: string): HTMLElement {
  const node = document.createElement('div');
  node.innerHTML = html;
  return node;
}

function buttons(node: HTMLElement, name: string): HTMLButtonElement[] {
  return [...node.querySelectorAll<HTMLButtonElement>(`button.safeai-code-${name}`)];
}

describe('addCodeActions', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    Clipboard.copyToSystem.mockClear();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('adds one toolbar per code block, and none for inline code or prose', () => {
    const node = host(ANSWER_HTML);
    addCodeActions(node, () => true);
    const bars = [...node.querySelectorAll('.safeai-code-actions')];
    expect(bars.map(b => b.getAttribute('aria-label'))).toEqual([
      'Code block 1',
      'Code block 2'
    ]);
    expect(bars.every(b => b.getAttribute('role') === 'toolbar')).toBe(true);
    expect(buttons(node, 'insert').map(b => b.textContent)).toEqual([
      'Insert below',
      'Insert below'
    ]);
    expect(buttons(node, 'copy').map(b => b.textContent)).toEqual(['Copy', 'Copy']);
    // Each block keeps its code, inside the wrapper, after the toolbar.
    const wrappers = [...node.querySelectorAll('.safeai-code')];
    expect(wrappers.map(w => w.lastElementChild?.tagName)).toEqual(['PRE', 'PRE']);
    expect(node.querySelectorAll('p code')).toHaveLength(1);
  });

  it('does not add a second toolbar when called again', () => {
    const node = host(ANSWER_HTML);
    addCodeActions(node, () => true);
    addCodeActions(node, () => true);
    expect(node.querySelectorAll('.safeai-code-actions')).toHaveLength(2);
    expect(node.querySelectorAll('.safeai-code')).toHaveLength(2);
  });

  it('inserts the code of its own block, without the trailing newline', () => {
    const node = host(ANSWER_HTML);
    const onInsert = jest.fn(() => true);
    addCodeActions(node, onInsert);
    const [first, second] = buttons(node, 'insert');
    first.click();
    expect(onInsert).toHaveBeenLastCalledWith(
      'import pandas as pd\ndf = pd.read_csv("visits.csv")'
    );
    second.click();
    expect(onInsert).toHaveBeenLastCalledWith('plain preformatted');
  });

  it('says Inserted, or that no notebook is open, then resets', () => {
    const node = host(ANSWER_HTML);
    const onInsert = jest.fn().mockReturnValueOnce(true).mockReturnValueOnce(false);
    addCodeActions(node, onInsert);
    const [insert] = buttons(node, 'insert');
    insert.click();
    expect(insert.textContent).toBe('Inserted');
    jest.advanceTimersByTime(2000);
    expect(insert.textContent).toBe('Insert below');
    insert.click();
    expect(insert.textContent).toBe('No notebook open');
    jest.advanceTimersByTime(2000);
    expect(insert.textContent).toBe('Insert below');
  });

  it('copies the code of its block to the clipboard', () => {
    const node = host(ANSWER_HTML);
    addCodeActions(node, () => true);
    const [copy] = buttons(node, 'copy');
    copy.click();
    expect(Clipboard.copyToSystem).toHaveBeenCalledWith(
      'import pandas as pd\ndf = pd.read_csv("visits.csv")'
    );
    expect(copy.textContent).toBe('Copied');
    jest.advanceTimersByTime(1500);
    expect(copy.textContent).toBe('Copy');
  });
});

describe('Answer', () => {
  let container: HTMLElement;
  let root: Root;

  /** A rendermime registry whose Markdown renderer produces ANSWER_HTML. */
  function fakeRendermime() {
    const renderers: { node: HTMLElement; dispose: jest.Mock }[] = [];
    const registry = {
      createRenderer: jest.fn((mime: string) => {
        expect(mime).toBe('text/markdown');
        const renderer = {
          node: document.createElement('div'),
          dispose: jest.fn(),
          renderModel: jest.fn(async () => {
            renderer.node.innerHTML = ANSWER_HTML;
          })
        };
        renderers.push(renderer);
        return renderer;
      })
    };
    return { registry, renderers };
  }

  beforeEach(() => {
    MimeModel.mockClear();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('shows a streaming answer as plain text, with no code actions', async () => {
    const { registry } = fakeRendermime();
    const text = 'Here is code:\n```python\nprint(1)\n```';
    await act(async () => {
      root.render(
        <Answer text={text} streaming={true} rendermime={registry as any} onInsert={() => true} />
      );
    });
    expect(container.querySelector('.safeai-answer-text')?.textContent).toBe(text);
    expect(container.querySelector('.safeai-code-actions')).toBeNull();
    expect(registry.createRenderer).not.toHaveBeenCalled();
  });

  it('renders a finished answer as untrusted Markdown with actions on code blocks', async () => {
    const { registry } = fakeRendermime();
    const onInsert = jest.fn(() => true);
    const text = 'Read the file, then count: ...';
    await act(async () => {
      root.render(
        <Answer text={text} streaming={false} rendermime={registry as any} onInsert={onInsert} />
      );
    });
    // Model output is never trusted: rendermime sanitizes it.
    expect(MimeModel).toHaveBeenCalledWith({
      data: { 'text/markdown': text },
      trusted: false
    });
    const markdown = container.querySelector('.safeai-answer-markdown')!;
    expect(markdown.querySelectorAll('.safeai-code-actions')).toHaveLength(2);
    buttons(markdown as HTMLElement, 'insert')[0].click();
    expect(onInsert).toHaveBeenCalledWith(
      'import pandas as pd\ndf = pd.read_csv("visits.csv")'
    );
  });

  it('has no actions without a rendermime registry', async () => {
    await act(async () => {
      root.render(
        <Answer text={'```\nx\n```'} streaming={false} rendermime={null} onInsert={() => true} />
      );
    });
    expect(container.querySelector('.safeai-answer-text')?.textContent).toBe('```\nx\n```');
    expect(container.querySelector('button')).toBeNull();
  });
});
