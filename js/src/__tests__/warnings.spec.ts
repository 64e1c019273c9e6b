/**
 * Warnings for the open notebook: which text of which cell is sent to the scanner,
 * in how many requests, how findings come back to their cell and output, and that
 * unchanged cells are not sent again. Reports hold kinds and counts, never values.
 */
import { Signal } from '@lumino/signaling';

import { webcrypto } from 'crypto';

import { IBaselineEntry, IDecision, IFinding, IMagicWarning, PolicyRequest } from '../api';
import {
  DEBOUNCE_MS,
  FLAGGED_CLASS,
  ICachedFindings,
  ICellTexts,
  IPiece,
  WarningsModel,
  batchPieces,
  cellReports,
  cellTexts,
  countWarnings,
  emptyWarningsState,
  groupBySeverity,
  hash,
  outputText,
  scanLimit,
  tallyFindings
} from '../warnings';
import { warningsSummary } from '../warningsPanel';

jest.mock('../api', () => ({
  scanTexts: jest.fn(),
  fetchMagicWarnings: jest.fn(),
  fetchBaseline: jest.fn(),
  acceptInBaseline: jest.fn()
}));

const api = jest.requireMock('../api') as {
  scanTexts: jest.Mock<Promise<IDecision>, [string[], PolicyRequest | null, AbortSignal?]>;
  fetchMagicWarnings: jest.Mock<Promise<IMagicWarning[] | null>, [string]>;
  fetchBaseline: jest.Mock<Promise<IBaselineEntry[]>, [string]>;
  acceptInBaseline: jest.Mock<Promise<IBaselineEntry[]>, [string, IBaselineEntry[]]>;
};

// jsdom has no Web Crypto: the browser's sha256 comes from Node's implementation here.
if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}

/** Fake identifiers (the scanner below matches them); never to be echoed back. */
const SSN = '078-05-1120';
const EMAIL = 'jane.roe@example.org';
const MRN = 'MRN-00123456';

/**
 * A stand-in for the server's scanner: finds the fake identifiers above in each
 * text and reports them by part index, kind and mode — as /safeai/scan does.
 */
const PATTERNS: [RegExp, string, string, IFinding['mode']][] = [
  [/\d{3}-\d{2}-\d{4}/g, 'US_SSN', 'phi', 'block'],
  [/[\w.]+@[\w.]+\.\w+/g, 'EMAIL_ADDRESS', 'phi', 'redact'],
  [/MRN-\d{8}/g, 'MEDICAL_RECORD_NUMBER', 'phi', 'warn']
];

function fakeScan(texts: string[]): IDecision {
  const findings: IFinding[] = [];
  const counts: Record<string, number> = {};
  texts.forEach((text, part) => {
    for (const [pattern, entity, category, mode] of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        findings.push({
          part,
          entity,
          category,
          mode,
          start: match.index ?? 0,
          end: (match.index ?? 0) + match[0].length,
          score: 0.9
        });
        counts[entity] = (counts[entity] ?? 0) + 1;
      }
    }
  });
  return {
    action: findings.length ? 'warn' : 'send',
    blocked: false,
    message: '',
    counts,
    policy: {},
    notes: [],
    findings
  };
}

function texts(id: string, source: string, outputs = '', notScanned: string[] = []): ICellTexts {
  return { id, source, outputs, notScanned, key: `${id}/${hash(source)}/${hash(outputs)}` };
}

const stream = (text: string | string[]) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});

describe('hash', () => {
  it('is stable for the same text and differs when the text changes', () => {
    expect(hash('df.head()')).toBe(hash('df.head()'));
    expect(hash('df.head()')).not.toBe(hash('df.head(10)'));
    expect(hash('')).not.toBe(hash(' '));
  });

  it('does not contain the text', () => {
    expect(hash(`patient ${SSN}`)).not.toContain(SSN);
  });
});

describe('outputText', () => {
  it('joins stream text given as a list of lines', () => {
    const skipped = new Set<string>();
    expect(outputText(stream(['a\n', 'b\n']), skipped)).toBe('a\nb\n');
    expect(skipped.size).toBe(0);
  });

  it('keeps the name, value and traceback of an error, without ANSI colours', () => {
    const text = outputText(
      {
        output_type: 'error',
        ename: 'KeyError',
        evalue: "'mrn'",
        traceback: ['\u001b[0;31mKeyError\u001b[0m: lookup failed']
      },
      new Set()
    );
    expect(text).toBe("KeyError\n'mrn'\nKeyError: lookup failed");
  });

  it('reads the text of HTML, keeping neighbouring table cells apart', () => {
    const text = outputText(
      {
        output_type: 'execute_result',
        data: {
          'text/html': '<table><tr><td>Jane</td><td>Roe</td></tr></table><script>x()</script>',
          'text/plain': 'ignored when HTML is there'
        },
        metadata: {},
        execution_count: 1
      },
      new Set()
    );
    expect(text).toMatch(/Jane\s+Roe/);
    expect(text).not.toContain('JaneRoe');
    expect(text).not.toContain('ignored');
  });

  it('scans Markdown, or plain text when there is nothing richer', () => {
    expect(
      outputText(
        { output_type: 'display_data', data: { 'text/markdown': '**bold**' } },
        new Set()
      )
    ).toBe('**bold**');
    expect(
      outputText(
        { output_type: 'display_data', data: { 'text/plain': ['a', 'b'] } },
        new Set()
      )
    ).toBe('ab');
  });

  it('scans both HTML and Markdown when both are present', () => {
    const text = outputText(
      {
        output_type: 'display_data',
        data: { 'text/html': '<p>from html</p>', 'text/markdown': 'from markdown' }
      },
      new Set()
    );
    expect(text).toContain('from html');
    expect(text).toContain('from markdown');
  });

  it('reports an image-only output as not scanned', () => {
    const skipped = new Set<string>();
    const text = outputText(
      { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=' } },
      skipped
    );
    expect(text).toBe('');
    expect([...skipped]).toEqual(['image']);
  });

  it('reports an image next to text as not scanned, and scans the text', () => {
    const skipped = new Set<string>();
    const text = outputText(
      {
        output_type: 'display_data',
        data: { 'image/png': 'iVBORw0KGgo=', 'text/plain': '<Figure size 640x480>' }
      },
      skipped
    );
    expect(text).toBe('<Figure size 640x480>');
    expect([...skipped]).toEqual(['image']);
  });

  it('reports other non-text outputs by MIME type', () => {
    const skipped = new Set<string>();
    outputText(
      {
        output_type: 'display_data',
        data: { 'application/vnd.plotly.v1+json': {}, 'image/svg+xml': '<svg/>' }
      },
      skipped
    );
    expect([...skipped].sort()).toEqual(['application/vnd.plotly.v1+json', 'image']);
  });

  it('has no text for unknown output types', () => {
    expect(outputText({ output_type: 'update_display_data' }, new Set())).toBe('');
    expect(outputText(null, new Set())).toBe('');
  });
});

describe('cellTexts', () => {
  const json = {
    cell_type: 'code',
    source: ['x = 1\n', 'print(x)'],
    outputs: [
      stream('1\n'),
      { output_type: 'display_data', data: { 'image/png': '...' } },
      { output_type: 'display_data', data: { 'application/pdf': '...' } }
    ]
  };

  it('collects source, text outputs and what was not scanned (sorted)', () => {
    const cell = cellTexts('c1', json, true);
    expect(cell.source).toBe('x = 1\nprint(x)');
    expect(cell.outputs).toBe('1\n');
    expect(cell.notScanned).toEqual(['application/pdf', 'image']);
  });

  it('leaves outputs out when output scanning is off', () => {
    const cell = cellTexts('c1', json, false);
    expect(cell.outputs).toBe('');
    expect(cell.notScanned).toEqual([]);
  });

  it('keys results by cell and content: the key changes with source or outputs', () => {
    const key = cellTexts('c1', json, true).key;
    expect(cellTexts('c1', { ...json }, true).key).toBe(key);
    expect(cellTexts('c2', json, true).key).not.toBe(key);
    expect(cellTexts('c1', { ...json, source: 'x = 2' }, true).key).not.toBe(key);
    expect(cellTexts('c1', { ...json, outputs: [stream('2\n')] }, true).key).not.toBe(key);
  });

  it('does not put the content in the key', () => {
    const cell = cellTexts('c1', { source: `ssn = "${SSN}"`, outputs: [] }, true);
    expect(cell.key).not.toContain(SSN);
  });

  it('handles markdown and raw cells, which have no outputs', () => {
    const cell = cellTexts('m1', { cell_type: 'markdown', source: '# Title' }, true);
    expect(cell).toMatchObject({ source: '# Title', outputs: '', notScanned: [] });
  });
});

describe('scanLimit', () => {
  it('is 90% of the server limit, the server default when unknown, at least 1000', () => {
    expect(scanLimit(undefined)).toBe(90_000);
    expect(scanLimit(20_000)).toBe(18_000);
    expect(scanLimit(10_001)).toBe(9000);
    expect(scanLimit(500)).toBe(1000);
  });
});

describe('batchPieces', () => {
  const total = (batch: IPiece[]) => batch.reduce((n, p) => n + p.text.length, 0);

  it('puts short texts of many cells in one request', () => {
    const cells = [texts('a', 'aaa', 'out'), texts('b', 'bbb'), texts('c', 'ccc')];
    const batches = batchPieces(cells, 1000);
    expect(batches).toHaveLength(1);
    expect(batches[0].map(p => [p.cell.id, p.where, p.text])).toEqual([
      ['a', 'source', 'aaa'],
      ['a', 'output', 'out'],
      ['b', 'source', 'bbb'],
      ['c', 'source', 'ccc']
    ]);
  });

  it('starts a new request before the limit is passed', () => {
    const cells = ['a', 'b', 'c', 'd', 'e'].map(id => texts(id, id.repeat(400)));
    const batches = batchPieces(cells, 1000);
    expect(batches.map(b => b.map(p => p.cell.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    for (const batch of batches) {
      expect(total(batch)).toBeLessThanOrEqual(1000);
    }
  });

  it('fills a request exactly to the limit', () => {
    const batches = batchPieces([texts('a', 'x'.repeat(600)), texts('b', 'y'.repeat(400))], 1000);
    expect(batches).toHaveLength(1);
  });

  it('splits an over-long text into pieces that each fit, in order', () => {
    const long = Array.from({ length: 2500 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(
      ''
    );
    const cells = [texts('short', 'hi'), texts('long', long), texts('after', 'bye')];
    const batches = batchPieces(cells, 1000);
    for (const batch of batches) {
      expect(total(batch)).toBeLessThanOrEqual(1000);
    }
    const pieces = batches.flat();
    const longPieces = pieces.filter(p => p.cell.id === 'long');
    // consecutive pieces overlap (a quarter of the limit, at most 256 characters)
    expect(longPieces.map(p => [p.text.length, p.overlap])).toEqual([
      [1000, 0],
      [1000, 250],
      [1000, 250]
    ]);
    expect(longPieces.map(p => p.text.slice(p.overlap)).join('')).toBe(long);
    // Every piece is sent, in cell order.
    expect(pieces.map(p => p.cell.id)).toEqual(['short', 'long', 'long', 'long', 'after']);
  });

  it('reads an identifier on a split point whole, in one piece', () => {
    const ssnAt = 995; // straddles the first split at 1000
    const long = 'a'.repeat(ssnAt) + ' 219-09-9999 ' + 'b'.repeat(1500);
    const pieces = batchPieces([texts('long', long)], 1000).flat();
    const whole = pieces.filter(p => p.text.includes('219-09-9999'));
    expect(whole.length).toBeGreaterThanOrEqual(1);
  });

  it('sends nothing for empty cells', () => {
    expect(batchPieces([texts('a', ''), texts('b', '')], 1000)).toEqual([]);
  });
});

describe('tallyFindings', () => {
  const finding = (
    part: number,
    entity: string,
    mode?: IFinding['mode'],
    start = 0,
    end = 1
  ): IFinding => ({
    part,
    entity,
    category: 'phi',
    start,
    end,
    score: 1,
    mode,
    severity: 'high',
    detector: 'pattern'
  });
  const fresh = (...cells: ICellTexts[]) =>
    new Map<string, ICachedFindings>(cells.map(c => [c.key, { source: [], output: [] }]));
  const digest = async (entity: string, value: string) => `h(${entity}:${value.length})`;

  it("puts each finding into its piece's cell and source or output, without its value", async () => {
    const a = texts('a', 'a', 'line one\nJane Doe');
    const b = texts('b', `x = "${SSN}"`);
    const cache = fresh(a, b);
    const batch: IPiece[] = [
      { cell: a, where: 'source', text: 'a' },
      { cell: a, where: 'output', text: 'line one\nJane Doe' },
      { cell: b, where: 'source', text: b.source }
    ];
    await tallyFindings(
      batch,
      [finding(2, 'US_SSN', 'block', 5, 16), finding(1, 'PERSON', undefined, 9, 17)],
      cache,
      digest
    );
    expect(cache.get(a.key)!.source).toEqual([]);
    expect(cache.get(a.key)!.output).toEqual([
      {
        entity: 'PERSON',
        category: 'phi',
        mode: '',
        severity: 'high',
        detector: 'pattern',
        masked: 'J••• •••',
        line: 2,
        fingerprint: 'h(PERSON:8)'
      }
    ]);
    expect(cache.get(b.key)!.source).toMatchObject([
      { entity: 'US_SSN', mode: 'block', masked: '0••-••-••••', line: 1 }
    ]);
    expect(JSON.stringify([...cache.values()])).not.toContain(SSN);
    expect(JSON.stringify([...cache.values()])).not.toContain('Jane');
  });

  it('counts lines from the start of the whole text, not of the piece', async () => {
    const long = texts('long', 'one\ntwo\nthree Jane Doe');
    const cache = fresh(long);
    const piece: IPiece = { cell: long, where: 'source', text: 'three Jane Doe', offset: 8 };
    await tallyFindings([piece], [finding(0, 'PERSON', undefined, 6, 14)], cache, digest);
    expect(cache.get(long.key)!.source[0].line).toBe(3);
  });

  it('ignores findings for parts that were not in the request', async () => {
    const a = texts('a', 'a');
    const cache = fresh(a);
    await tallyFindings([{ cell: a, where: 'source', text: 'a' }], [finding(3, 'US_SSN')], cache);
    expect(cache.get(a.key)!.source).toHaveLength(0);
  });

  it("hashes as the CLI's baseline does: sha256 of ENTITY:value", async () => {
    const a = texts('a', 'Ada Lovelace');
    const cache = fresh(a);
    await tallyFindings(
      [{ cell: a, where: 'source', text: a.source }],
      [finding(0, 'PERSON', undefined, 0, 12)],
      cache
    );
    // python -c "from jupyter_safeai.scan.allow import fingerprint as f;
    //            print(f('PERSON', 'Ada Lovelace'))"
    expect(cache.get(a.key)!.source[0].fingerprint).toBe(
      '88e48dadcb9b347b1f47223a5cec4369668e7456451fc43d1d08a8f11b9cf74f'
    );
  });
});

const found = (
  entity: string,
  severity: 'low' | 'medium' | 'high',
  fingerprint: string,
  category = 'phi',
  line = 1
) => ({
  entity,
  category,
  mode: 'redact',
  severity,
  detector: 'test',
  masked: '•',
  line,
  fingerprint
});

describe('cellReports, baseline matching, grouping and countWarnings', () => {
  const a = texts('a', 'src', 'out');
  const plain = texts('plain', 'print(1)');
  const image = { ...texts('image', 'plt.show()', '', ['image']), imageOutputs: 2 };
  const cache = () =>
    new Map<string, ICachedFindings>([
      [
        a.key,
        {
          source: [found('US_SSN', 'high', 'h1'), found('PERSON', 'medium', 'h2')],
          output: [found('US_SSN', 'high', 'h3'), found('URL', 'low', 'h4')]
        }
      ],
      [plain.key, { source: [], output: [] }]
    ]);

  it('merges source and output counts per kind, sorted, with where they were', () => {
    const reports = cellReports([plain, a, image], cache());
    expect(reports).toMatchObject([
      {
        index: 1,
        cellId: 'a',
        entities: [
          { entity: 'PERSON', category: 'phi', mode: 'redact', count: 1, where: 'source' },
          { entity: 'URL', category: 'phi', mode: 'redact', count: 1, where: 'output' },
          { entity: 'US_SSN', category: 'phi', mode: 'redact', count: 2, where: 'both' }
        ],
        notScanned: [],
        accepted: 0
      },
      { index: 2, cellId: 'image', entities: [], notScanned: ['image'], imageOutputs: 2 }
    ]);
    expect(reports[0].findings!.map(f => [f.entity, f.where, f.index, f.dismissible])).toEqual([
      ['US_SSN', 'source', 1, true],
      ['PERSON', 'source', 1, true],
      ['US_SSN', 'output', 1, true],
      ['URL', 'output', 1, true]
    ]);
    // Cells with only unscanned outputs are shown but are not warnings.
    expect(countWarnings(reports, [])).toBe(1);
    const magic: IMagicWarning = {
      cell: 0,
      entity: 'US_SSN',
      category: 'phi',
      count: 1,
      source: 'magic',
      time: '2024-01-01T00:00:00Z'
    };
    expect(countWarnings(reports, [magic, { ...magic, cell: null }])).toBe(3);
  });

  it('leaves out what the baseline accepts, by entity and hash together', () => {
    const baseline = new Set(['PERSON:h2', 'URL:h4', 'US_SSN:h2' /* another label's hash */]);
    const reports = cellReports([a], cache(), { baseline, neverAccept: new Set() });
    expect(reports[0].findings!.map(f => f.entity)).toEqual(['US_SSN', 'US_SSN']);
    expect(reports[0].accepted).toBe(2);
    expect(reports[0].entities.map(e => e.entity)).toEqual(['US_SSN']);
  });

  it('comes back when the value changes: its hash no longer matches', () => {
    const changed = new Map(cache());
    changed.get(a.key)!.source[1] = found('PERSON', 'medium', 'h2-new-value');
    const reports = cellReports([a], changed, {
      baseline: new Set(['PERSON:h2']),
      neverAccept: new Set()
    });
    expect(reports[0].findings!.map(f => f.entity)).toContain('PERSON');
    expect(reports[0].accepted).toBe(0);
  });

  it('never accepts a never_accept category, baseline or not, and says it cannot be', () => {
    const keys = new Map<string, ICachedFindings>([
      [a.key, { source: [found('AWS_ACCESS_KEY', 'high', 'k1', 'secret')], output: [] }]
    ]);
    const reports = cellReports([a], keys, {
      baseline: new Set(['AWS_ACCESS_KEY:k1']),
      neverAccept: new Set(['secret'])
    });
    expect(reports[0].findings).toHaveLength(1);
    expect(reports[0].findings![0].dismissible).toBe(false);
  });

  it('a cell whose findings are all accepted is no warning and flags nothing', () => {
    const only = new Map<string, ICachedFindings>([
      [a.key, { source: [found('PERSON', 'medium', 'h2')], output: [] }]
    ]);
    const reports = cellReports([a], only, {
      baseline: new Set(['PERSON:h2']),
      neverAccept: new Set()
    });
    expect(countWarnings(reports, [])).toBe(0);
    expect(reports[0].accepted).toBe(1);
  });

  it('groups rows by severity, high first, in notebook order within each', () => {
    const b = texts('b', 'b');
    const more = new Map(cache());
    more.set(b.key, { source: [found('DATE_TIME', 'low', 'd'), found('MRN', 'high', 'm')], output: [] });
    const groups = groupBySeverity(cellReports([a, b], more));
    expect(Object.keys(groups)).toEqual(['high', 'medium', 'low']);
    expect(groups.high.map(f => [f.cellId, f.entity])).toEqual([
      ['a', 'US_SSN'],
      ['a', 'US_SSN'],
      ['b', 'MRN']
    ]);
    expect(groups.medium.map(f => f.entity)).toEqual(['PERSON']);
    expect(groups.low.map(f => f.entity)).toEqual(['URL', 'DATE_TIME']);
  });
});

describe('warningsSummary', () => {
  const base = emptyWarningsState('visit.ipynb');

  it('says what the panel knows', () => {
    expect(warningsSummary({ ...base, path: null })).toBe('No notebook open');
    expect(warningsSummary({ ...base, scanning: true })).toBe('Scanning…');
    expect(warningsSummary(base)).toBe('No identifiers found');
    expect(warningsSummary({ ...base, total: 1 })).toBe('1 warning');
    expect(warningsSummary({ ...base, total: 4 })).toBe('4 warnings');
  });

  it('keeps the count while a rescan runs', () => {
    const cells = [{ index: 0, cellId: 'a', entities: [], notScanned: ['image'] }];
    expect(warningsSummary({ ...base, cells, scanning: true, total: 2 })).toBe('2 warnings');
  });
});

// ---------------------------------------------------------------------------
// The model, with a fake notebook tracker and a fake scanner.

class FakeCell {
  constructor(
    readonly id: string,
    public json: Record<string, unknown>
  ) {}
  toJSON(): Record<string, unknown> {
    return this.json;
  }
  getSource(): string {
    return String(this.json.source ?? '');
  }
  /** As the shared model does: the notebook hears about the change. */
  setSource(source: string): void {
    this.json = { ...this.json, source };
    this.onChange?.();
  }
  onChange?: () => void;
}

class FakeCellWidget {
  constructor(readonly model: { id: string }) {}
  readonly classes = new Set<string>();
  toggleClass(name: string, on: boolean): void {
    if (on) {
      this.classes.add(name);
    } else {
      this.classes.delete(name);
    }
  }
}

function fakeNotebook(cells: FakeCell[], path = 'clinic/visit.ipynb') {
  const owner = {};
  const contentChanged = new Signal<object, void>(owner);
  const panel = {
    context: {
      path,
      ready: Promise.resolve(),
      pathChanged: new Signal<object, string>(owner)
    },
    model: {
      contentChanged,
      sharedModel: { cells, metadata: { kernelspec: { language: 'python' } } }
    },
    content: {
      widgets: cells.map(c => new FakeCellWidget(c)),
      activeCellIndex: -1,
      deselectAll: jest.fn(),
      scrollToItem: jest.fn(() => Promise.resolve())
    }
  };
  cells.forEach(c => (c.onChange = () => contentChanged.emit()));
  const tracker = {
    currentWidget: panel as typeof panel | null,
    currentChanged: new Signal<object, unknown>(owner)
  };
  return {
    panel,
    tracker,
    cells,
    /** Edit a cell and tell the model, as the notebook does. */
    edit(index: number, json: Record<string, unknown>) {
      cells[index].json = { ...cells[index].json, ...json };
      contentChanged.emit();
    },
    touch() {
      contentChanged.emit();
    }
  };
}

const code = (source: string, outputs: unknown[] = []) => ({
  cell_type: 'code',
  source,
  outputs,
  execution_count: null,
  metadata: {}
});

/** A stand-in for sha256 (Web Crypto resolves off the fake clock): distinct, value-free. */
const fakeDigest = async (entity: string, value: string) => `${entity}#${hash(value)}`;

/** Run timers and promises until the debounced scan (and any rescan) is done. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await jest.advanceTimersByTimeAsync(DEBOUNCE_MS + 1);
  }
}

/** All texts sent to the scanner so far. */
const sent = () => api.scanTexts.mock.calls.flatMap(call => call[0]);

describe('WarningsModel', () => {
  let model: WarningsModel | null = null;

  beforeEach(() => {
    jest.useFakeTimers();
    api.scanTexts.mockReset().mockImplementation(async t => fakeScan(t));
    api.fetchMagicWarnings.mockReset().mockResolvedValue([]);
    api.fetchBaseline.mockReset().mockResolvedValue([]);
    api.acceptInBaseline.mockReset();
  });

  afterEach(() => {
    model?.dispose();
    model = null;
    jest.useRealTimers();
  });

  function open(cells: FakeCell[]) {
    const notebook = fakeNotebook(cells);
    model = new WarningsModel(notebook.tracker as any, fakeDigest);
    return { notebook, model };
  }

  it('reports kinds and counts per cell, source or output, and flags those cells', async () => {
    const { notebook, model } = open([
      new FakeCell('intro', { cell_type: 'markdown', source: '# Visit summary' }),
      new FakeCell('load', code(`ssn = "${SSN}"\nprint(ssn, "${SSN}")`)),
      new FakeCell('show', code('df.head()', [stream(`contact: ${EMAIL}\n`)])),
      new FakeCell('plot', code('df.plot()', [
        { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo=' } }
      ]))
    ]);
    await settle();

    const state = model.state;
    expect(state.path).toBe('clinic/visit.ipynb');
    expect(state.scanning).toBe(false);
    expect(state.error).toBeNull();
    expect(state.cells).toMatchObject([
      {
        index: 1,
        cellId: 'load',
        entities: [
          { entity: 'US_SSN', category: 'phi', mode: 'block', count: 2, where: 'source' }
        ],
        notScanned: []
      },
      {
        index: 2,
        cellId: 'show',
        entities: [
          {
            entity: 'EMAIL_ADDRESS',
            category: 'phi',
            mode: 'redact',
            count: 1,
            where: 'output'
          }
        ],
        notScanned: []
      },
      { index: 3, cellId: 'plot', entities: [], notScanned: ['image'] }
    ]);
    // Two cells with identifiers; the image is "not scanned", not a warning.
    expect(state.total).toBe(2);
    expect(warningsSummary(state)).toBe('2 warnings');
    expect(notebook.panel.content.widgets.map(w => w.classes.has(FLAGGED_CLASS))).toEqual([
      false,
      true,
      true,
      false
    ]);
    // The state (what the panel shows) has kinds, never the values.
    const shown = JSON.stringify(state);
    expect(shown).not.toContain(SSN);
    expect(shown).not.toContain(EMAIL);
    // All cells went in one request.
    expect(api.scanTexts).toHaveBeenCalledTimes(1);
  });

  it('sends only cells whose source or outputs changed', async () => {
    const { notebook, model } = open([
      new FakeCell('a', code(`mrn = "${MRN}"`)),
      new FakeCell('b', code('x = 1', [stream('1\n')])),
      new FakeCell('c', code('y = 2'))
    ]);
    await settle();
    expect(api.scanTexts).toHaveBeenCalledTimes(1);
    expect(model.state.total).toBe(1);

    // A change event without a change (e.g. metadata) sends nothing.
    api.scanTexts.mockClear();
    notebook.touch();
    await settle();
    expect(api.scanTexts).not.toHaveBeenCalled();
    expect(model.state.total).toBe(1);

    // A new output in cell b: only cell b is sent, and the others keep their results.
    notebook.edit(1, { outputs: [stream(`${EMAIL}\n`)] });
    await settle();
    expect(api.scanTexts).toHaveBeenCalledTimes(1);
    expect(sent().join('\n')).not.toContain(MRN);
    expect(sent()).toEqual(['x = 1', `${EMAIL}\n`]);
    expect(model.state.cells.map(c => [c.cellId, c.entities.map(e => e.entity)])).toEqual([
      ['a', ['MEDICAL_RECORD_NUMBER']],
      ['b', ['EMAIL_ADDRESS']]
    ]);
    expect(model.state.total).toBe(2);

    // Cell a's identifier removed: it is sent again and its warning goes away.
    api.scanTexts.mockClear();
    notebook.edit(0, { source: 'mrn = load_mrn()' });
    await settle();
    expect(sent()).toEqual(['mrn = load_mrn()']);
    expect(model.state.cells.map(c => c.cellId)).toEqual(['b']);
    expect(model.state.total).toBe(1);
    expect(notebook.panel.content.widgets[0].classes.has(FLAGGED_CLASS)).toBe(false);
  });

  it('debounces edits: one scan after typing stops', async () => {
    const { notebook } = open([new FakeCell('a', code('x'))]);
    await settle();
    api.scanTexts.mockClear();
    for (const source of ['x1', 'x12', 'x123']) {
      notebook.edit(0, { source });
      await jest.advanceTimersByTimeAsync(DEBOUNCE_MS / 5);
    }
    expect(api.scanTexts).not.toHaveBeenCalled();
    await settle();
    expect(sent()).toEqual(['x123']);
  });

  it("splits requests at the server's limit and maps findings back to their cell", async () => {
    const filler = 'z'.repeat(700);
    const long = `${'a'.repeat(1500)} ${SSN} ${'b'.repeat(400)}`;
    const { model } = open([
      new FakeCell('one', code(filler)),
      new FakeCell('two', code(filler)),
      new FakeCell('long', code(long)),
      new FakeCell('last', code(`to = "${EMAIL}"`))
    ]);
    model.policyInfo = {
      admin: { phi: 'warn' },
      modes: ['warn', 'redact', 'block'],
      max_prompt_chars: 1000,
      never_accept: [],
      allow_user_models: false
    };
    await settle();
    const calls = api.scanTexts.mock.calls.map(call => call[0]);
    // Limit max(1000, 900) = 1000 characters per request.
    for (const request of calls) {
      expect(request.join('').length).toBeLessThanOrEqual(1000);
    }
    expect(calls.length).toBeGreaterThan(1);
    expect(model.state.cells.map(c => [c.index, c.cellId, c.entities.map(e => e.entity)])).toEqual(
      [
        [2, 'long', ['US_SSN']],
        [3, 'last', ['EMAIL_ADDRESS']]
      ]
    );
    expect(model.state.total).toBe(2);
  });

  it('reports a failed scan and sends the same cells again next time', async () => {
    api.scanTexts.mockRejectedValueOnce(new Error('413 Payload Too Large'));
    const { notebook, model } = open([new FakeCell('a', code(`"${SSN}"`))]);
    await settle();
    expect(model.state.error).toBe('Scan failed: 413 Payload Too Large');
    expect(model.state.total).toBe(0);

    api.scanTexts.mockClear();
    notebook.touch();
    await settle();
    expect(api.scanTexts).toHaveBeenCalledTimes(1);
    expect(model.state.error).toBeNull();
    expect(model.state.total).toBe(1);
  });

  it('rescans everything with the new policy when the user changes it', async () => {
    const { model } = open([new FakeCell('a', code('x')), new FakeCell('b', code('y'))]);
    await settle();
    api.scanTexts.mockClear();

    model.setPolicy({ phi: 'block' });
    await settle();
    expect(api.scanTexts).toHaveBeenCalledTimes(1);
    expect(api.scanTexts.mock.calls[0][0]).toEqual(['x', 'y']);
    expect(api.scanTexts.mock.calls[0][1]).toEqual({ phi: 'block' });

    // The same policy again changes nothing.
    api.scanTexts.mockClear();
    model.setPolicy({ phi: 'block' });
    await settle();
    expect(api.scanTexts).not.toHaveBeenCalled();
  });

  it('stops sending outputs when output scanning is turned off', async () => {
    const { model } = open([
      new FakeCell('a', code('show()', [
        stream(`${EMAIL}\n`),
        { output_type: 'display_data', data: { 'image/png': '...' } }
      ]))
    ]);
    await settle();
    expect(model.state.total).toBe(1);

    api.scanTexts.mockClear();
    model.setScanOutputs(false);
    await settle();
    expect(sent()).toEqual(['show()']);
    expect(model.state.cells).toEqual([]);
    expect(model.state.total).toBe(0);
  });

  it("adds the magic's warnings to the count and flags their cells", async () => {
    const magic: IMagicWarning[] = [
      {
        cell: 2,
        entity: 'PERSON',
        category: 'phi',
        count: 2,
        source: 'magic',
        time: '2024-05-01T10:00:00Z'
      }
    ];
    api.fetchMagicWarnings.mockResolvedValue(magic);
    const { notebook, model } = open([
      new FakeCell('a', code(`"${SSN}"`)),
      new FakeCell('b', code('x')),
      new FakeCell('c', code('%%safe_ai\nsummarise the table'))
    ]);
    await settle();
    expect(api.fetchMagicWarnings).toHaveBeenCalledWith('clinic/visit.ipynb');
    expect(model.state.magic).toEqual(magic);
    expect(model.state.total).toBe(2);
    expect(notebook.panel.content.widgets.map(w => w.classes.has(FLAGGED_CLASS))).toEqual([
      true,
      false,
      true
    ]);
  });

  it('stops asking for magic warnings when the server has no such endpoint', async () => {
    api.fetchMagicWarnings.mockResolvedValue(null);
    open([new FakeCell('a', code('x'))]);
    await settle();
    const calls = api.fetchMagicWarnings.mock.calls.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(api.fetchMagicWarnings.mock.calls.length).toBe(calls);
  });

  it('"Not sensitive here" on a code cell writes an allow marker onto its line', async () => {
    const { notebook, model } = open([
      new FakeCell('a', code(`x = 1\nssn = "${SSN}"  # test value\ny = 2`))
    ]);
    await settle();
    const [row] = model.state.cells[0].findings!;
    expect(row).toMatchObject({ entity: 'US_SSN', line: 2, where: 'source' });
    expect(await model.dismiss(row)).toBe('marker');
    expect(notebook.cells[0].getSource()).toBe(
      `x = 1\nssn = "${SSN}"  # test value  # safeai: allow=US_SSN\ny = 2`
    );
    expect(api.acceptInBaseline).not.toHaveBeenCalled();
  });

  it('writes no marker into a cell edited since the scan (the line may have moved)', async () => {
    const { notebook, model } = open([new FakeCell('a', code(`ssn = "${SSN}"`))]);
    await settle();
    const [row] = model.state.cells[0].findings!;
    notebook.cells[0].json = { ...notebook.cells[0].json, source: `\nssn = "${SSN}"` };
    expect(await model.dismiss(row)).toMatch(/changed/);
    expect(notebook.cells[0].getSource()).toBe(`\nssn = "${SSN}"`);
    expect(api.acceptInBaseline).not.toHaveBeenCalled();
  });

  it('"Not sensitive here" on a markdown cell or an output records label and hash, never the value', async () => {
    const { notebook, model } = open([
      new FakeCell('md', { cell_type: 'markdown', source: `Write to ${EMAIL}` }),
      new FakeCell('out', code('show()', [stream(`${SSN}\n`)]))
    ]);
    await settle();
    expect(model.state.total).toBe(2);
    api.acceptInBaseline.mockImplementation(async (_path, entries) => entries);
    const email = model.state.cells[0].findings![0];
    expect(await model.dismiss(email)).toBe('baseline');
    const [path, entries] = api.acceptInBaseline.mock.calls[0];
    expect(path).toBe('clinic/visit.ipynb');
    expect(entries).toEqual([
      { entity: 'EMAIL_ADDRESS', hash: await fakeDigest('EMAIL_ADDRESS', EMAIL), line: 1, cell: 1 }
    ]);
    expect(JSON.stringify(entries)).not.toContain(EMAIL);
    // gone from the panel, the count and the flags; the other one stays
    expect(model.state.total).toBe(1);
    expect(model.state.accepted).toBe(1);
    expect(model.state.cells.flatMap(c => c.findings!.map(f => f.entity))).toEqual(['US_SSN']);
    expect(notebook.panel.content.widgets[0].classes.has(FLAGGED_CLASS)).toBe(false);
    expect(notebook.cells[0].getSource()).toBe(`Write to ${EMAIL}`);
  });

  it('opens a notebook with its baseline applied, and shows a finding again when its value changes', async () => {
    const accepted = await (async () => {
      const { model } = open([new FakeCell('md', { cell_type: 'markdown', source: EMAIL })]);
      await settle();
      const f = model.state.cells[0].findings![0];
      model.dispose();
      return { entity: f.entity, hash: f.fingerprint };
    })();
    api.fetchBaseline.mockResolvedValue([accepted]);
    const { notebook, model } = open([
      new FakeCell('md', { cell_type: 'markdown', source: EMAIL })
    ]);
    await settle();
    expect(api.fetchBaseline).toHaveBeenLastCalledWith('clinic/visit.ipynb');
    expect(model.state.total).toBe(0);
    expect(model.state.accepted).toBe(1);
    notebook.edit(0, { source: 'jane.other@example.org' });
    await settle();
    expect(model.state.total).toBe(1);
    expect(model.state.accepted).toBe(0);
  });

  it('does not dismiss a never_accept category, in a code cell or elsewhere', async () => {
    const { notebook, model } = open([new FakeCell('a', code(`ssn = "${SSN}"`))]);
    model.policyInfo = {
      admin: { phi: 'block' },
      modes: ['warn', 'redact', 'block'],
      max_prompt_chars: 100_000,
      never_accept: ['phi'],
      allow_user_models: false
    };
    await settle();
    const row = model.state.cells[0].findings![0];
    expect(row.dismissible).toBe(false);
    expect(await model.dismiss(row)).toMatch(/administrator/);
    expect(notebook.cells[0].getSource()).toBe(`ssn = "${SSN}"`);
    expect(api.acceptInBaseline).not.toHaveBeenCalled();
    // and a baseline entry for it does not hide it
    api.fetchBaseline.mockResolvedValue([{ entity: row.entity, hash: row.fingerprint }]);
    notebook.panel.context.pathChanged.emit('clinic/visit.ipynb');
    await settle();
    expect(model.state.total).toBe(1);
  });

  it('has no notebook and no warnings when nothing is open', async () => {
    const notebook = fakeNotebook([]);
    notebook.tracker.currentWidget = null;
    model = new WarningsModel(notebook.tracker as any, fakeDigest);
    await settle();
    expect(model.state).toMatchObject({ path: null, cells: [], total: 0, scanning: false });
    expect(warningsSummary(model.state)).toBe('No notebook open');
    expect(api.scanTexts).not.toHaveBeenCalled();
  });
});
