/**
 * Warnings for the active notebook: every cell's source and text outputs are sent
 * to the server's scanner (`POST /safeai/scan`) — debounced, only cells whose
 * content changed, many cells per request — and the findings are kept as kinds and
 * counts per cell. Matched values are never stored here: only entity, category,
 * mode and how many. The magic's own warnings (`GET /safeai/warnings`) are polled
 * while the notebook is active.
 */
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import {
  IFinding,
  IMagicWarning,
  IPolicyInfo,
  PolicyRequest,
  fetchMagicWarnings,
  scanTexts
} from './api';

export const DEBOUNCE_MS = 500;
export const MAGIC_POLL_MS = 3000;
/** Default request budget when /safeai/policy has not answered (the server's default). */
const DEFAULT_MAX_CHARS = 100_000;
export const FLAGGED_CLASS = 'safeai-flagged';

/** One kind of data found in a cell. */
export interface IEntityCount {
  entity: string;
  category: string;
  mode: string;
  count: number;
  where: 'source' | 'output' | 'both';
}

/** What the scanner found in one cell (kinds and counts, never values). */
export interface ICellReport {
  index: number;
  cellId: string;
  entities: IEntityCount[];
  /** Outputs that were not scanned, e.g. "image". */
  notScanned: string[];
}

export interface IWarningsState {
  path: string | null;
  cells: ICellReport[];
  magic: IMagicWarning[];
  scanning: boolean;
  error: string | null;
  /** Cells with findings (scanner) plus magic warnings. */
  total: number;
  /** Milliseconds the last pass took (change → results; cached cells are not rescanned). */
  lastPassMs: number | null;
  /** Milliseconds from the notebook becoming active to its first results. */
  firstPassMs: number | null;
}

/** What is scanned of one cell, and the key its results are cached under. */
export interface ICellTexts {
  id: string;
  source: string;
  outputs: string;
  notScanned: string[];
  key: string;
}

/** Findings per entity in a cell's source and outputs (kinds and counts only). */
export interface ICachedFindings {
  source: Map<string, { category: string; mode: string; count: number }>;
  output: Map<string, { category: string; mode: string; count: number }>;
}

/** A short, non-cryptographic hash (FNV-1a), enough to tell content changed. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16) + ':' + text.length.toString(16);
}

function joinText(value: unknown): string {
  if (Array.isArray(value)) {
    return value.join('');
  }
  return typeof value === 'string' ? value : '';
}

let parser: DOMParser | null = null;
function htmlText(html: string): string {
  parser = parser ?? new DOMParser();
  // DOMParser documents are inert: no scripts run, nothing is fetched.
  const doc = parser.parseFromString(html, 'text/html');
  // Keep table cells apart so "Jane" and "Doe" in neighbouring cells stay words.
  doc.querySelectorAll('td, th').forEach(cell => cell.append(' \t'));
  doc.querySelectorAll('tr, p, div, br, li').forEach(node => node.append('\n'));
  return doc.body?.textContent ?? '';
}

/** The text of one nbformat output, plus the kinds of output we could not scan. */
export function outputText(output: any, skipped: Set<string>): string {
  switch (output?.output_type) {
    case 'stream':
      return joinText(output.text);
    case 'error':
      return [output.ename, output.evalue, ...(output.traceback ?? [])]
        .filter(Boolean)
        .join('\n')
        // ANSI colour codes in tracebacks
        .replace(/\u001b\[[0-9;]*m/g, '');
    case 'execute_result':
    case 'display_data': {
      const data = output.data ?? {};
      const texts: string[] = [];
      if ('text/html' in data) {
        texts.push(htmlText(joinText(data['text/html'])));
      } else if ('text/markdown' in data) {
        texts.push(joinText(data['text/markdown']));
      } else if ('text/plain' in data) {
        texts.push(joinText(data['text/plain']));
      }
      if ('text/html' in data && 'text/markdown' in data) {
        texts.push(joinText(data['text/markdown']));
      }
      if (texts.length === 0) {
        for (const mime of Object.keys(data)) {
          if (mime.startsWith('image/')) {
            skipped.add('image');
          } else if (!mime.startsWith('text/')) {
            skipped.add(mime);
          }
        }
      } else if (Object.keys(data).some(m => m.startsWith('image/'))) {
        skipped.add('image');
      }
      return texts.join('\n');
    }
    default:
      return '';
  }
}

/** A cell's texts from its nbformat JSON; outputs only when `scanOutputs`. */
export function cellTexts(id: string, json: any, scanOutputs: boolean): ICellTexts {
  const source = joinText(json.source);
  const skipped = new Set<string>();
  let outputs = '';
  if (scanOutputs && Array.isArray(json.outputs)) {
    outputs = json.outputs
      .map((o: any) => outputText(o, skipped))
      .filter(Boolean)
      .join('\n');
  }
  const notScanned = [...skipped].sort();
  return {
    id,
    source,
    outputs,
    notScanned,
    key: `${id}/${hash(source)}/${hash(outputs)}`
  };
}

/** Characters per scan request: 90% of the server's limit, at least 1000. */
export function scanLimit(maxPromptChars: number | undefined): number {
  return Math.max(1000, Math.floor((maxPromptChars ?? DEFAULT_MAX_CHARS) * 0.9));
}

/** A piece of one cell's source or outputs, short enough for one request. */
export interface IPiece {
  cell: ICellTexts;
  where: 'source' | 'output';
  text: string;
  /** Characters at the start already covered by the previous piece of the same text. */
  overlap?: number;
}

/** Pieces of a long text overlap, so an identifier on a split point is read whole. */
const PIECE_OVERLAP = 256;

/**
 * The texts of `cells` as requests of at most `limit` characters each: long texts
 * are split, short ones share a request. A finding's `part` indexes its batch.
 */
export function batchPieces(cells: ICellTexts[], limit: number): IPiece[][] {
  const pieces: IPiece[] = [];
  for (const cell of cells) {
    for (const where of ['source', 'output'] as const) {
      const text = where === 'source' ? cell.source : cell.outputs;
      const overlap = Math.min(PIECE_OVERLAP, Math.floor(limit / 4));
      for (let i = 0; i < text.length; i += limit - overlap) {
        pieces.push({ cell, where, text: text.slice(i, i + limit), overlap: i ? overlap : 0 });
        if (i + limit >= text.length) {
          break;
        }
      }
    }
  }
  const batches: IPiece[][] = [];
  let batch: IPiece[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (size + piece.text.length > limit && batch.length > 0) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(piece);
    size += piece.text.length;
  }
  if (batch.length > 0) {
    batches.push(batch);
  }
  return batches;
}

/** Count one request's findings into the cache entries of the cells they came from. */
export function tallyFindings(
  batch: IPiece[],
  findings: IFinding[],
  cache: Map<string, ICachedFindings>
): void {
  for (const finding of findings) {
    const piece = batch[finding.part];
    if (!piece || finding.end <= (piece.overlap ?? 0)) {
      continue; // none, or already counted in the previous piece's tail
    }
    const table = cache.get(piece.cell.key)?.[piece.where];
    if (!table) {
      continue;
    }
    const entry = table.get(finding.entity) ?? {
      category: finding.category,
      mode: finding.mode ?? '',
      count: 0
    };
    entry.count += 1;
    table.set(finding.entity, entry);
  }
}

/** One report per cell with findings or unscanned outputs, entities sorted by kind. */
export function cellReports(
  texts: ICellTexts[],
  cache: Map<string, ICachedFindings>
): ICellReport[] {
  const reports: ICellReport[] = [];
  texts.forEach((cell, index) => {
    const cached = cache.get(cell.key);
    const entities = new Map<string, IEntityCount>();
    if (cached) {
      for (const where of ['source', 'output'] as const) {
        for (const [entity, found] of cached[where]) {
          const known = entities.get(entity);
          if (known) {
            known.count += found.count;
            known.where = known.where === where ? where : 'both';
          } else {
            entities.set(entity, { entity, ...found, where });
          }
        }
      }
    }
    if (entities.size > 0 || cell.notScanned.length > 0) {
      reports.push({
        index,
        cellId: cell.id,
        entities: [...entities.values()].sort((a, b) =>
          a.entity.localeCompare(b.entity)
        ),
        notScanned: cell.notScanned
      });
    }
  });
  return reports;
}

/** The warning count: cells with findings plus the magic's warnings. */
export function countWarnings(cells: ICellReport[], magic: IMagicWarning[]): number {
  return cells.filter(c => c.entities.length > 0).length + magic.length;
}

export class WarningsModel {
  constructor(private readonly tracker: INotebookTracker) {
    tracker.currentChanged.connect(this._onCurrentChanged, this);
    this._onCurrentChanged();
    this._poll = window.setInterval(() => void this._pollMagic(), MAGIC_POLL_MS);
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get state(): IWarningsState {
    return this._state;
  }

  get policyInfo(): IPolicyInfo | null {
    return this._policyInfo;
  }

  set policyInfo(value: IPolicyInfo | null) {
    this._policyInfo = value;
    this._changed.emit();
  }

  /** The user's requested policy from settings; changes invalidate the cache. */
  setPolicy(policy: PolicyRequest | null): void {
    const key = JSON.stringify(policy ?? {});
    if (key !== JSON.stringify(this._policy ?? {})) {
      this._policy = policy;
      this._cache.clear();
      this._changed.emit();
      this._schedule(0);
    }
  }

  get policy(): PolicyRequest | null {
    return this._policy;
  }

  setScanOutputs(value: boolean): void {
    if (value !== this._scanOutputs) {
      this._scanOutputs = value;
      this._schedule(0);
    }
  }

  get scanOutputs(): boolean {
    return this._scanOutputs;
  }

  /** Select cell `index` in the current notebook and scroll it into view. */
  reveal(index: number): void {
    const panel = this.tracker.currentWidget;
    if (!panel) {
      return;
    }
    const notebook = panel.content;
    if (index < 0 || index >= notebook.widgets.length) {
      return;
    }
    notebook.deselectAll();
    notebook.activeCellIndex = index;
    void notebook.scrollToItem(index, 'smart');
  }

  dispose(): void {
    window.clearInterval(this._poll);
    window.clearTimeout(this._timer);
    this._disconnect();
    Signal.clearData(this);
  }

  private _onCurrentChanged(): void {
    this._disconnect();
    const panel = this.tracker.currentWidget;
    this._panel = panel;
    this._magicSupported = true;
    this._magicKey = '';
    this._state = {
      path: panel?.context.path ?? null,
      cells: [],
      magic: [],
      scanning: !!panel,
      error: null,
      total: 0,
      lastPassMs: null,
      firstPassMs: null
    };
    this._changed.emit();
    if (!panel) {
      return;
    }
    this._openedAt = performance.now();
    void panel.context.ready.then(() => {
      if (this._panel !== panel || !panel.model) {
        return;
      }
      panel.model.contentChanged.connect(this._onContentChanged, this);
      panel.context.pathChanged.connect(this._onPathChanged, this);
      this._schedule(0);
      void this._pollMagic();
    });
  }

  private _disconnect(): void {
    const panel = this._panel;
    if (panel) {
      panel.model?.contentChanged.disconnect(this._onContentChanged, this);
      panel.context.pathChanged.disconnect(this._onPathChanged, this);
    }
  }

  private _onPathChanged(): void {
    this._state = { ...this._state, path: this._panel?.context.path ?? null };
    this._changed.emit();
  }

  private _onContentChanged(): void {
    this._schedule(DEBOUNCE_MS);
  }

  private _schedule(delay: number): void {
    window.clearTimeout(this._timer);
    this._timer = window.setTimeout(() => void this._scan(), delay);
  }

  private _collect(panel: NotebookPanel): ICellTexts[] {
    const cells = panel.model?.sharedModel.cells ?? [];
    return cells.map(cell => cellTexts(cell.id, cell.toJSON(), this._scanOutputs));
  }

  private async _scan(): Promise<void> {
    const panel = this._panel;
    if (!panel || !panel.model) {
      return;
    }
    if (this._running) {
      this._again = true;
      return;
    }
    this._running = true;
    const first = this._openedAt;
    const started = first ?? performance.now();
    try {
      const texts = this._collect(panel);
      if (texts.length > 0) {
        this._openedAt = null; // the first pass over the loaded notebook
      }
      const missing = texts.filter(t => !this._cache.has(t.key));
      if (missing.length > 0 && !this._state.scanning) {
        this._state = { ...this._state, scanning: true };
        this._changed.emit();
      }
      let error: string | null = null;
      try {
        await this._scanMissing(missing);
      } catch (reason) {
        error = `Scan failed: ${(reason as Error).message || 'server error'}`;
      }
      if (this._panel !== panel) {
        return;
      }
      this._publish(panel, texts, error, performance.now() - started);
      if (first !== null && texts.length > 0) {
        this._state.firstPassMs = this._state.lastPassMs;
      }
      // Drop cached results of content that no longer exists.
      const live = new Set(texts.map(t => t.key));
      for (const key of this._cache.keys()) {
        if (!live.has(key)) {
          this._cache.delete(key);
        }
      }
    } finally {
      this._running = false;
      if (this._again) {
        this._again = false;
        this._schedule(DEBOUNCE_MS);
      }
    }
  }

  /** Scan the given cells in as few requests as the server's size limit allows. */
  private async _scanMissing(missing: ICellTexts[]): Promise<void> {
    for (const cell of missing) {
      this._cache.set(cell.key, { source: new Map(), output: new Map() });
    }
    const batches = batchPieces(missing, scanLimit(this._policyInfo?.max_prompt_chars));
    try {
      for (const group of batches) {
        const decision = await scanTexts(
          group.map(p => p.text),
          this._policy
        );
        tallyFindings(group, decision.findings, this._cache);
      }
    } catch (reason) {
      // Unscanned cells must be tried again next time.
      for (const cell of missing) {
        this._cache.delete(cell.key);
      }
      throw reason;
    }
  }

  private _publish(
    panel: NotebookPanel,
    texts: ICellTexts[],
    error: string | null,
    elapsed: number
  ): void {
    const reports = cellReports(texts, this._cache);
    this._state = {
      ...this._state,
      cells: reports,
      scanning: false,
      error,
      lastPassMs: Math.round(elapsed)
    };
    this._state.total = this._count();
    this._flag(panel);
    this._changed.emit();
  }

  private _count(): number {
    return countWarnings(this._state.cells, this._state.magic);
  }

  /** Mark flagged cells (scanner or magic) with a CSS class on the cell node. */
  private _flag(panel: NotebookPanel): void {
    const flagged = new Set(
      this._state.cells.filter(c => c.entities.length > 0).map(c => c.cellId)
    );
    const magicCells = new Set(
      this._state.magic.map(w => w.cell).filter((i): i is number => i !== null)
    );
    panel.content.widgets.forEach((cell, index) => {
      cell.toggleClass(
        FLAGGED_CLASS,
        flagged.has(cell.model.id) || magicCells.has(index)
      );
    });
  }

  private async _pollMagic(): Promise<void> {
    const panel = this._panel;
    if (!panel || !this._magicSupported || document.hidden) {
      return;
    }
    const path = panel.context.path;
    let warnings: IMagicWarning[] | null;
    try {
      warnings = await fetchMagicWarnings(path);
    } catch {
      return; // transient: try again on the next tick
    }
    if (this._panel !== panel) {
      return;
    }
    if (warnings === null) {
      this._magicSupported = false; // older server without the endpoint
      return;
    }
    const key = JSON.stringify(warnings);
    if (key === this._magicKey) {
      return;
    }
    this._magicKey = key;
    this._state = { ...this._state, magic: warnings };
    this._state.total = this._count();
    this._flag(panel);
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _state: IWarningsState = {
    path: null,
    cells: [],
    magic: [],
    scanning: false,
    error: null,
    total: 0,
    lastPassMs: null,
    firstPassMs: null
  };
  private _panel: NotebookPanel | null = null;
  private _cache = new Map<string, ICachedFindings>();
  private _policy: PolicyRequest | null = null;
  private _policyInfo: IPolicyInfo | null = null;
  private _scanOutputs = true;
  private _timer = 0;
  private _poll = 0;
  private _running = false;
  private _again = false;
  private _openedAt: number | null = null;
  private _magicSupported = true;
  private _magicKey = '';
}
