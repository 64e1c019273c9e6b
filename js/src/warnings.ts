/**
 * Warnings for the active notebook: every cell's source and text outputs are sent
 * to the server's scanner (`POST /safeai/scan`) — debounced, only cells whose
 * content changed, many cells per request. Matched values are never stored here:
 * per finding only its kind, severity, detector, line, a masked form and the hash
 * the CLI's baseline uses. Findings the notebook's `.safeai-baseline.json` accepts
 * (`GET /safeai/baseline`) are left out, unless the admin's `never_accept` forbids
 * it; "Not sensitive here" writes a marker into a code cell or that baseline. The
 * magic's own warnings (`GET /safeai/warnings`) are polled while the notebook is active.
 */
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import {
  IBaselineEntry,
  IFinding,
  IMagicWarning,
  IPolicyInfo,
  PolicyRequest,
  Severity,
  acceptInBaseline,
  fetchBaseline,
  fetchMagicWarnings,
  scanTexts
} from './api';
import { commentFor, fingerprint, mask, withAllowMarker } from './dismiss';

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

/** One finding as the panel keeps it: never the value, only its masked form and hash. */
export interface IFound {
  entity: string;
  category: string;
  mode: string;
  severity: Severity;
  detector: string;
  /** The CLI's masked form, made here from the user's own text. */
  masked: string;
  /** 1-based line in the cell's source, or in its outputs' text. */
  line: number;
  /** sha256 of `ENTITY:value`, as in `.safeai-baseline.json`; '' without Web Crypto. */
  fingerprint: string;
}

/** A finding placed in the notebook, as a row of the panel shows it. */
export interface IWarningFinding extends IFound {
  id: string;
  cellId: string;
  index: number;
  cellType: string;
  where: 'source' | 'output';
  /** False when the admin's never_accept forbids accepting this category. */
  dismissible: boolean;
  /** `hash()` of the cell source the finding was read from: a marker goes on its line only. */
  sourceHash: string;
}

/** What the scanner found in one cell (kinds and counts, never values). */
export interface ICellReport {
  index: number;
  cellId: string;
  entities: IEntityCount[];
  /** Outputs that were not scanned, e.g. "image". */
  notScanned: string[];
  /** The findings still shown (those the baseline accepts are left out). */
  findings?: IWarningFinding[];
  /** Findings the baseline accepts in this cell. */
  accepted?: number;
  /** Outputs with an image (not scanned). */
  imageOutputs?: number;
}

/** What may be accepted: the baseline's (entity, hash) pairs and the forbidden categories. */
export interface IAcceptance {
  baseline: ReadonlySet<string>;
  neverAccept: ReadonlySet<string>;
}

export const NO_ACCEPTANCE: IAcceptance = { baseline: new Set(), neverAccept: new Set() };

export function baselineKey(entity: string, hash: string): string {
  return `${entity}:${hash}`;
}

/** Whether the baseline accepts `found` (a forbidden category never is accepted). */
export function isAccepted(found: IFound, acceptance: IAcceptance): boolean {
  return (
    found.fingerprint !== '' &&
    !acceptance.neverAccept.has(found.category) &&
    acceptance.baseline.has(baselineKey(found.entity, found.fingerprint))
  );
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Rows by severity, high first; within one, in notebook order. */
export function groupBySeverity(
  cells: ICellReport[]
): Record<Severity, IWarningFinding[]> {
  const groups: Record<Severity, IWarningFinding[]> = { high: [], medium: [], low: [] };
  for (const cell of cells) {
    for (const f of cell.findings ?? []) {
      groups[f.severity in SEVERITY_RANK ? f.severity : 'medium'].push(f);
    }
  }
  return groups;
}

/** The highest severity still shown (magic warnings count as medium), or null. */
export function topSeverity(cells: ICellReport[], magic: IMagicWarning[]): Severity | null {
  let top: Severity | null = magic.length > 0 ? 'medium' : null;
  for (const cell of cells) {
    for (const f of cell.findings ?? []) {
      if (top === null || SEVERITY_RANK[f.severity] < SEVERITY_RANK[top]) {
        top = f.severity;
      }
    }
  }
  return top;
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
  /** The highest severity still shown: the badge's colour. */
  severity?: Severity | null;
  /** Findings the notebook's baseline accepts (not shown). */
  accepted?: number;
}

/** The state of a panel with nothing scanned yet (the notebook at `path`, if any). */
export function emptyWarningsState(path: string | null = null): IWarningsState {
  return {
    path,
    cells: [],
    magic: [],
    scanning: false,
    error: null,
    total: 0,
    lastPassMs: null,
    firstPassMs: null
  };
}

/** What is scanned of one cell, and the key its results are cached under. */
export interface ICellTexts {
  id: string;
  source: string;
  outputs: string;
  notScanned: string[];
  key: string;
  cellType?: string;
  imageOutputs?: number;
}

/** Findings in a cell's source and outputs (never values). */
export interface ICachedFindings {
  source: IFound[];
  output: IFound[];
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
  const imageOutputs = Array.isArray(json.outputs)
    ? json.outputs.filter((o: any) =>
        Object.keys(o?.data ?? {}).some(m => m.startsWith('image/'))
      ).length
    : 0;
  return {
    id,
    source,
    outputs,
    notScanned,
    key: `${id}/${hash(source)}/${hash(outputs)}`,
    cellType: typeof json.cell_type === 'string' ? json.cell_type : 'code',
    imageOutputs
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
  /** Where the piece starts in its text. */
  offset?: number;
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
        pieces.push({
          cell,
          where,
          text: text.slice(i, i + limit),
          overlap: i ? overlap : 0,
          offset: i
        });
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

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}

/**
 * Put one request's findings into the cache entries of the cells they came from:
 * kind, severity, detector, line, masked form and hash — the value itself is dropped.
 */
export async function tallyFindings(
  batch: IPiece[],
  findings: IFinding[],
  cache: Map<string, ICachedFindings>,
  digest: (entity: string, value: string) => Promise<string> = fingerprint
): Promise<void> {
  for (const finding of findings) {
    const piece = batch[finding.part];
    if (!piece || finding.end <= (piece.overlap ?? 0)) {
      continue; // none, or already counted in the previous piece's tail
    }
    const list = cache.get(piece.cell.key)?.[piece.where];
    if (!list) {
      continue;
    }
    const value = piece.text.slice(finding.start, finding.end);
    const whole = piece.where === 'source' ? piece.cell.source : piece.cell.outputs;
    list.push({
      entity: finding.entity,
      category: finding.category,
      mode: finding.mode ?? '',
      severity: finding.severity ?? 'medium',
      detector: finding.detector ?? '',
      masked: mask(value, finding.entity, finding.category),
      line: lineAt(whole, (piece.offset ?? 0) + finding.start),
      fingerprint: await digest(finding.entity, value)
    });
  }
}

/**
 * One report per cell with findings or unscanned outputs: the findings the baseline
 * does not accept, and their kinds and counts, sorted by kind.
 */
export function cellReports(
  texts: ICellTexts[],
  cache: Map<string, ICachedFindings>,
  acceptance: IAcceptance = NO_ACCEPTANCE
): ICellReport[] {
  const reports: ICellReport[] = [];
  texts.forEach((cell, index) => {
    const cached = cache.get(cell.key);
    const entities = new Map<string, IEntityCount>();
    const shown: IWarningFinding[] = [];
    let accepted = 0;
    if (cached) {
      for (const where of ['source', 'output'] as const) {
        cached[where].forEach((found, i) => {
          if (isAccepted(found, acceptance)) {
            accepted++;
            return;
          }
          shown.push({
            ...found,
            id: `${cell.id}/${where}/${i}`,
            cellId: cell.id,
            index,
            cellType: cell.cellType ?? 'code',
            where,
            dismissible: !acceptance.neverAccept.has(found.category),
            sourceHash: hash(cell.source)
          });
          const known = entities.get(found.entity);
          if (known) {
            known.count += 1;
            known.where = known.where === where ? where : 'both';
          } else {
            entities.set(found.entity, {
              entity: found.entity,
              category: found.category,
              mode: found.mode,
              count: 1,
              where
            });
          }
        });
      }
    }
    if (entities.size > 0 || cell.notScanned.length > 0 || accepted > 0) {
      reports.push({
        index,
        cellId: cell.id,
        entities: [...entities.values()].sort((a, b) => a.entity.localeCompare(b.entity)),
        notScanned: cell.notScanned,
        findings: shown,
        accepted,
        imageOutputs: cell.imageOutputs ?? 0
      });
    }
  });
  return reports;
}

/** The warning count: cells with findings plus the magic's warnings. */
export function countWarnings(cells: ICellReport[], magic: IMagicWarning[]): number {
  return cells.filter(c => c.entities.length > 0).length + magic.length;
}

/** How findings are hashed for the baseline (sha256 of `ENTITY:value`; tests pass their own). */
export type Digest = (entity: string, value: string) => Promise<string>;

export class WarningsModel {
  constructor(
    private readonly tracker: INotebookTracker,
    private readonly digest: Digest = fingerprint
  ) {
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
    this._acceptance = {
      ...this._acceptance,
      neverAccept: new Set(value?.never_accept ?? [])
    };
    this._republish();
  }

  /**
   * "Not sensitive here": an allow marker on the finding's line for a code cell's
   * source (in the notebook language's comment syntax), else an entry in the
   * notebook's `.safeai-baseline.json` through the server (which refuses categories
   * in never_accept, as this does). Returns what was done, or why not.
   */
  async dismiss(finding: IWarningFinding): Promise<'marker' | 'baseline' | string> {
    const panel = this._panel;
    if (!panel?.model) {
      return 'No notebook open';
    }
    if (!finding.dismissible || this._acceptance.neverAccept.has(finding.category)) {
      return `Your administrator does not let ${finding.category} findings be accepted`;
    }
    const cell = panel.model.sharedModel.cells.find(c => c.id === finding.cellId);
    if (!cell) {
      return 'The cell is gone';
    }
    const language = (panel.model.sharedModel.metadata as any)?.kernelspec?.language ??
      (panel.model.sharedModel.metadata as any)?.language_info?.name;
    const comment = commentFor(language);
    if (finding.where === 'source' && finding.cellType === 'code' && comment) {
      const source = cell.getSource();
      if (hash(source) !== finding.sourceHash) {
        return 'The cell changed since it was scanned: try again in a moment';
      }
      const marked = withAllowMarker(source, finding.line, finding.entity, comment);
      if (marked !== null) {
        if (marked !== source) {
          cell.setSource(marked); // the rescan drops it: the server honours the marker
        }
        return 'marker';
      }
    }
    if (!finding.fingerprint) {
      return 'This browser cannot compute the baseline hash here (no Web Crypto)';
    }
    const path = panel.context.path;
    const entries = await acceptInBaseline(path, [
      {
        entity: finding.entity,
        hash: finding.fingerprint,
        line: finding.line,
        cell: finding.index + 1
      }
    ]);
    if (this._panel === panel) {
      this._setBaseline(entries);
    }
    return 'baseline';
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
    this._state = { ...emptyWarningsState(panel?.context.path ?? null), scanning: !!panel };
    this._changed.emit();
    if (!panel) {
      return;
    }
    this._openedAt = performance.now();
    this._acceptance = { ...this._acceptance, baseline: new Set() };
    this._texts = [];
    void panel.context.ready.then(async () => {
      if (this._panel !== panel || !panel.model) {
        return;
      }
      panel.model.contentChanged.connect(this._onContentChanged, this);
      panel.context.pathChanged.connect(this._onPathChanged, this);
      await this._loadBaseline(panel);
      if (this._panel !== panel) {
        return;
      }
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
    if (this._panel) {
      void this._loadBaseline(this._panel); // baseline entries are per notebook name
    }
  }

  /** The notebook's accepted findings; none when the file cannot be read. */
  private async _loadBaseline(panel: NotebookPanel): Promise<void> {
    let entries: IBaselineEntry[] = [];
    try {
      entries = await fetchBaseline(panel.context.path);
    } catch {
      entries = []; // an unreadable baseline accepts nothing: every finding stays shown
    }
    if (this._panel === panel) {
      this._setBaseline(entries);
    }
  }

  private _setBaseline(entries: IBaselineEntry[]): void {
    this._acceptance = {
      ...this._acceptance,
      baseline: new Set(entries.map(e => baselineKey(e.entity, e.hash)))
    };
    this._republish();
  }

  /** Rebuild the reports from the cache (the baseline or never_accept changed). */
  private _republish(): void {
    const panel = this._panel;
    if (panel && this._texts.length > 0) {
      this._publish(panel, this._texts, this._state.error, this._state.lastPassMs ?? 0);
    } else {
      this._changed.emit();
    }
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
      this._cache.set(cell.key, { source: [], output: [] });
    }
    const batches = batchPieces(missing, scanLimit(this._policyInfo?.max_prompt_chars));
    try {
      for (const group of batches) {
        const decision = await scanTexts(
          group.map(p => p.text),
          this._policy
        );
        await tallyFindings(group, decision.findings, this._cache, this.digest);
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
    this._texts = texts;
    const reports = cellReports(texts, this._cache, this._acceptance);
    this._state = {
      ...this._state,
      cells: reports,
      scanning: false,
      error,
      lastPassMs: Math.round(elapsed),
      severity: topSeverity(reports, this._state.magic),
      accepted: reports.reduce((n, c) => n + (c.accepted ?? 0), 0)
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
    this._state = {
      ...this._state,
      magic: warnings,
      severity: topSeverity(this._state.cells, warnings)
    };
    this._state.total = this._count();
    this._flag(panel);
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _state: IWarningsState = emptyWarningsState();
  private _panel: NotebookPanel | null = null;
  private _cache = new Map<string, ICachedFindings>();
  private _texts: ICellTexts[] = [];
  private _acceptance: IAcceptance = NO_ACCEPTANCE;
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
