/**
 * An answer rendered as Markdown by JupyterLab's rendermime (sanitized, code blocks
 * highlighted by the Markdown parser), with "Insert below" and "Copy" on each code
 * block. While the answer streams it is shown as plain text.
 */
import { Clipboard } from '@jupyterlab/apputils';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import React, { useEffect, useRef } from 'react';

export interface IAnswerProps {
  text: string;
  streaming: boolean;
  rendermime: IRenderMimeRegistry | null;
  /** Insert code below the active cell; returns false when there is no notebook. */
  onInsert: (code: string) => boolean;
}

/** Wrap each `<pre>` under `host` (once) with "Insert below" and "Copy" buttons. */
export function addCodeActions(
  host: HTMLElement,
  onInsert: (code: string) => boolean
): void {
  host.querySelectorAll('pre').forEach((pre, i) => {
    if (pre.parentElement?.classList.contains('safeai-code')) {
      return;
    }
    const code = (pre.querySelector('code') ?? pre).textContent ?? '';
    const wrapper = document.createElement('div');
    wrapper.className = 'safeai-code';
    const bar = document.createElement('div');
    bar.className = 'safeai-code-actions';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', `Code block ${i + 1}`);
    const insert = document.createElement('button');
    insert.className = 'jp-mod-styled safeai-code-insert';
    insert.type = 'button';
    insert.textContent = 'Insert below';
    insert.title =
      'Insert as a new code cell below the active cell (not run), marked as written by the assistant';
    insert.addEventListener('click', () => {
      insert.textContent = onInsert(code.replace(/\n$/, ''))
        ? 'Inserted'
        : 'No notebook open';
      window.setTimeout(() => (insert.textContent = 'Insert below'), 2000);
    });
    const copy = document.createElement('button');
    copy.className = 'jp-mod-styled safeai-code-copy';
    copy.type = 'button';
    copy.textContent = 'Copy';
    copy.title = 'Copy the code to the clipboard';
    copy.addEventListener('click', () => {
      Clipboard.copyToSystem(code.replace(/\n$/, ''));
      copy.textContent = 'Copied';
      window.setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    bar.append(insert, copy);
    pre.replaceWith(wrapper);
    wrapper.append(bar, pre);
  });
}

export function Answer(props: IAnswerProps): JSX.Element {
  const { text, streaming, rendermime, onInsert } = props;
  const host = useRef<HTMLDivElement>(null);
  const insertRef = useRef(onInsert);
  insertRef.current = onInsert;

  useEffect(() => {
    const node = host.current;
    if (streaming || !rendermime || !node) {
      return;
    }
    let cancelled = false;
    if (!node.firstChild) {
      node.textContent = text; // until the Markdown is ready
    }
    const renderer = rendermime.createRenderer('text/markdown');
    const model = new MimeModel({ data: { 'text/markdown': text }, trusted: false });
    void renderer
      .renderModel(model)
      .then(() => {
        if (cancelled) {
          return;
        }
        addCodeActions(renderer.node, code => insertRef.current(code));
        node.replaceChildren(renderer.node);
      })
      .catch(() => {
        if (!cancelled) {
          node.textContent = text;
        }
      });
    return () => {
      cancelled = true;
      renderer.dispose();
    };
  }, [text, streaming, rendermime]);

  if (streaming || !rendermime) {
    return <div className="safeai-answer-text">{text}</div>;
  }
  return <div className="safeai-answer-markdown" ref={host} />;
}
