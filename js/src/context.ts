/**
 * Notebook context for a question — the active cell, the editor's selection, or a
 * DataFrame's schema — as items the user sees as chips and can remove. Each item's
 * text is scanned with the question and sent only as part of it. Pure functions: the
 * chat reads the cell from JupyterLab and passes its JSON in.
 *
 * A schema holds column names, types and the row count, never a value: values of the
 * displayed rows are read only to guess each column's type when no dtype is printed.
 */

export type ContextKind = 'cell' | 'selection' | 'schema';

/** One piece of notebook context added to the question. */
export interface IContextItem {
  /** Stable key: adding the same thing twice replaces it. */
  id: string;
  kind: ContextKind;
  /** The chip's text, e.g. "Cell 3" or "DataFrame schema · cell 4". */
  label: string;
  /** What the chip holds, in words (its tooltip). */
  detail: string;
  /** What goes into the prompt (and is scanned). */
  text: string;
}

export interface IColumn {
  name: string;
  dtype: string;
}

/** A DataFrame's shape as read from a cell's output. */
export interface ISchema {
  columns: IColumn[];
  /** Rows of the frame, when the output says (footer or index), else the rows shown. */
  rows: number | null;
  /** Columns of the frame when pandas truncated the display, else columns.length. */
  totalColumns: number;
  /** True when the output printed the dtypes (`df.info()`), false when guessed. */
  dtypesExact: boolean;
  from: 'info' | 'html' | 'text';
}

/** A Markdown fence longer than any run of backticks in `text`. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fenced(text: string, language: string): string {
  const fence = fenceFor(text);
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** "3 lines": the lines of `text`, trailing blank lines not counted. */
function lines(text: string): string {
  const n = text.replace(/\n+$/, '').split('\n').length;
  return `${n} line${n === 1 ? '' : 's'}`;
}

/** An item whose text is `code` fenced under `heading`; null when `code` is blank. */
function codeItem(
  item: Omit<IContextItem, 'text'>,
  heading: string,
  code: string,
  language: string
): IContextItem | null {
  return code.trim() ? { ...item, text: `${heading}:\n${fenced(code, language)}` } : null;
}

/** The active cell's source as context ("Cell 3"). Null for an empty cell. */
export function cellContext(
  cellId: string,
  index: number,
  cellType: string,
  source: string,
  language: string
): IContextItem | null {
  const lang = cellType === 'code' ? language : cellType === 'markdown' ? 'markdown' : '';
  const item = {
    id: `cell:${cellId}`,
    kind: 'cell' as const,
    label: `Cell ${index + 1}`,
    detail: `The source of cell ${index + 1} (${cellType}, ${lines(source)}); not its outputs`
  };
  return codeItem(item, `Cell ${index + 1} (${cellType})`, source, lang);
}

/** The selected text of a cell as context. Null when nothing is selected. */
export function selectionContext(
  cellId: string,
  index: number,
  selected: string,
  language: string
): IContextItem | null {
  const item = {
    id: `selection:${cellId}:${selected.length}:${selected.slice(0, 32)}`,
    kind: 'selection' as const,
    label: `Selection · cell ${index + 1}`,
    detail: `The text selected in cell ${index + 1} (${lines(selected)})`
  };
  return codeItem(item, `Selected from cell ${index + 1}`, selected, language);
}

/** Values that stand for "missing" in pandas' displays; they say nothing about type. */
const MISSING = new Set(['', 'NaN', 'nan', 'None', 'NaT', '<NA>', 'null', '..', '...', '…']);

/** A pandas-like dtype guessed from displayed values. */
export function inferDtype(values: string[]): string {
  const present = values.map(v => v.trim()).filter(v => !MISSING.has(v));
  if (present.length === 0) {
    return 'unknown';
  }
  const all = (re: RegExp) => present.every(v => re.test(v));
  if (all(/^(True|False)$/)) {
    return 'bool';
  }
  if (all(/^[-+]?\d+$/)) {
    // pandas prints an int column with missing values as float64 (NaN)
    const gaps = values
      .map(v => v.trim())
      .filter(v => v && MISSING.has(v) && !/^(\.+|…)$/.test(v));
    return gaps.length > 0 ? 'float64' : 'int64';
  }
  if (all(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i) || all(/^[-+]?(\d+\.?\d*|inf)$/i)) {
    return 'float64';
  }
  if (all(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2})?)?$/)) {
    return 'datetime64';
  }
  if (all(/^-?\d+ days?( \d{2}:\d{2}:\d{2}(\.\d+)?)?$/)) {
    return 'timedelta64';
  }
  return 'object';
}

function count(text: string): number {
  return Number(text.replace(/[,_\s]/g, ''));
}

/** pandas' footer: "1000 rows × 5 columns" (HTML) or "[1000 rows x 5 columns]" (text). */
function footer(text: string): { rows: number; columns: number } | null {
  const match = /(\d[\d,]*)\s+rows?\s*[×x]\s*(\d[\d,]*)\s+columns?/.exec(text);
  return match ? { rows: count(match[1]), columns: count(match[2]) } : null;
}

/** The schema in `df.info()` output: exact dtypes and the row count. */
export function schemaFromInfo(text: string): ISchema | null {
  if (!/Data columns \(total \d+ columns?\)/.test(text)) {
    return null;
  }
  const columns: IColumn[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*\d+\s+(.+?)\s+\d+\s+non-null\s+(\S+)\s*$/.exec(line);
    if (match) {
      columns.push({ name: match[1], dtype: match[2] });
    }
  }
  if (columns.length === 0) {
    return null;
  }
  const entries = /Index:\s*(\d+)\s+entries/.exec(text);
  const total = /Data columns \(total (\d+) columns?\)/.exec(text);
  return {
    columns,
    rows: entries ? Number(entries[1]) : null,
    totalColumns: total ? Number(total[1]) : columns.length,
    dtypesExact: true,
    from: 'info'
  };
}

/**
 * A displayed frame's schema: dtypes guessed from the values shown under each name (the
 * "more columns" marker dropped), sizes from pandas' footer when it printed one.
 */
function guessedSchema(
  names: string[],
  values: string[][],
  shownRows: number,
  size: { rows: number; columns: number } | null,
  from: 'html' | 'text'
): ISchema | null {
  const columns = names
    .map((name, i) => ({ name, dtype: inferDtype(values[i]) }))
    .filter(c => c.name !== '...' && c.name !== '…');
  if (columns.length === 0) {
    return null;
  }
  return {
    columns,
    rows: size ? size.rows : shownRows,
    totalColumns: size ? size.columns : columns.length,
    dtypesExact: false,
    from
  };
}

/** The schema of a pandas HTML table (`<table class="dataframe">`). */
export function schemaFromHtml(html: string): ISchema | null {
  if (!/<table[^>]*class="[^"]*dataframe/.test(html)) {
    return null;
  }
  // DOMParser documents are inert: no scripts run, nothing is fetched.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table.dataframe');
  const headRows = table ? [...table.querySelectorAll('thead tr')] : [];
  const bodyRows = table ? [...table.querySelectorAll('tbody tr')] : [];
  if (!table || headRows.length === 0) {
    return null;
  }
  // Index levels: the <th> cells of the first body row (rowspans shorten later rows).
  const indexLevels = bodyRows.length
    ? bodyRows[0].querySelectorAll('th').length
    : 1;
  const names = [...headRows[0].querySelectorAll('th')]
    .slice(indexLevels)
    .map(th => (th.textContent ?? '').trim());
  const values: string[][] = names.map(() => []);
  let shownRows = 0;
  for (const row of bodyRows) {
    const cells = [...row.querySelectorAll('td')].map(td => (td.textContent ?? '').trim());
    if (cells.length !== names.length) {
      continue;
    }
    if (cells.every(c => c === '...' || c === '…')) {
      continue; // the "more rows" marker
    }
    shownRows += 1;
    cells.forEach((value, i) => values[i].push(value));
  }
  return guessedSchema(names, values, shownRows, footer(doc.body.textContent ?? ''), 'html');
}

/**
 * The schema of a pandas text repr. Columns are right-aligned under their names, so
 * a column's values end where its name ends: each row is cut at those ends.
 */
export function schemaFromRepr(text: string): ISchema | null {
  const all = text.replace(/\r/g, '').split('\n');
  const size = footer(text);
  const body = all.filter(line => line.trim() && !/^\[\d[\d,]* rows/.test(line.trim()));
  if (body.length < 2) {
    return null;
  }
  const header = body[0];
  const ends: number[] = [];
  const names: string[] = [];
  for (const match of header.matchAll(/\S+/g)) {
    names.push(match[0]);
    ends.push(match.index! + match[0].length);
  }
  // A named index prints its name on a line of its own, under the header.
  let rows = body.slice(1);
  if (rows.length > 0 && /^\S+\s*$/.test(rows[0]) && !/^\S+\s+\S/.test(rows[0])) {
    rows = rows.slice(1);
  }
  if (names.length === 0 || !/^\s/.test(header)) {
    return null; // a frame's header starts with the index's (blank) column
  }
  // Each data row starts with an index label, then one value per column.
  const looksLikeFrame =
    size !== null || rows.every((line, i) => new RegExp(`^${i}\\s`).test(line));
  if (!looksLikeFrame || rows.length === 0) {
    return null;
  }
  const values: string[][] = names.map(() => []);
  let shownRows = 0;
  for (const line of rows) {
    if (/^(\.{2,}|…)(\s+(\.{2,}|…))*$/.test(line.trim())) {
      continue;
    }
    shownRows += 1;
    const indexEnd = /^\S*/.exec(line)![0].length; // index labels are left-aligned
    ends.forEach((end, i) => {
      const start = i === 0 ? indexEnd : ends[i - 1];
      values[i].push(line.slice(start, end));
    });
  }
  return guessedSchema(names, values, shownRows, size, 'text');
}

function joinText(value: unknown): string {
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

/** The schema of the last DataFrame among a cell's nbformat outputs, or null. */
export function schemaFromOutputs(outputs: any[]): ISchema | null {
  for (const output of [...outputs].reverse()) {
    if (output?.output_type === 'stream') {
      const info = schemaFromInfo(joinText(output.text));
      if (info) {
        return info;
      }
      continue;
    }
    const data = output?.data ?? {};
    const schema =
      ('text/html' in data ? schemaFromHtml(joinText(data['text/html'])) : null) ??
      ('text/plain' in data
        ? schemaFromInfo(joinText(data['text/plain'])) ??
          schemaFromRepr(joinText(data['text/plain']))
        : null);
    if (schema) {
      return schema;
    }
  }
  return null;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The schema as context: column names, types and the row count — no values. */
export function schemaContext(
  cellId: string,
  index: number,
  schema: ISchema
): IContextItem {
  const shape = `${schema.rows === null ? 'unknown number of rows' : plural(schema.rows, 'row')}, ${plural(
    schema.totalColumns,
    'column'
  )}`;
  const types = schema.dtypesExact
    ? 'dtypes as printed by df.info()'
    : 'types guessed from the displayed rows';
  const shown =
    schema.totalColumns > schema.columns.length
      ? `; ${schema.columns.length} of ${schema.totalColumns} columns were displayed`
      : '';
  return {
    id: `schema:${cellId}`,
    kind: 'schema',
    label: `DataFrame schema · cell ${index + 1}`,
    detail:
      `Column names, ${types}, and the row count of the DataFrame shown by cell ` +
      `${index + 1} (${shape}${shown}). No values.`,
    text:
      `A pandas DataFrame (${shape}${shown}; ${types}; no values shown):\n` +
      schema.columns.map(c => `- ${c.name}: ${c.dtype}`).join('\n')
  };
}

/** The message sent for a question with context: the context first, then the question. */
export function composePrompt(question: string, items: IContextItem[]): string {
  if (items.length === 0) {
    return question;
  }
  return [
    'Context from my notebook:',
    ...items.map(item => item.text),
    `Question: ${question}`
  ].join('\n\n');
}

/** Add `item`, replacing one with the same id (so a button pressed twice adds once). */
export function addItem(items: IContextItem[], item: IContextItem): IContextItem[] {
  const at = items.findIndex(i => i.id === item.id);
  if (at < 0) {
    return [...items, item];
  }
  const next = [...items];
  next[at] = item;
  return next;
}
