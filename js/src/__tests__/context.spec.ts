/**
 * Notebook context for a question: cells and selections as fenced blocks, and
 * DataFrame schemas read from outputs — names, types, row counts, never a value.
 */
import {
  IContextItem,
  ISchema,
  addItem,
  cellContext,
  composePrompt,
  fenceFor,
  inferDtype,
  schemaContext,
  schemaFromHtml,
  schemaFromInfo,
  schemaFromOutputs,
  schemaFromRepr,
  selectionContext
} from '../context';

/** Synthetic rows: these values must never appear in a schema. */
const NAMES = ['Jane Doe', 'Robert Smith', 'Ana Lima'];
const MRNS = ['00483920', '00512077', '00600001'];

/** A schema's columns as one line, as `df.dtypes` would list them. */
function columnsOf(schema: ISchema): string {
  return schema.columns.map(c => `${c.name}: ${c.dtype}`).join(', ');
}

const HTML = `<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>
<table border="1" class="dataframe"><thead><tr style="text-align: right;">
<th></th><th>patient_name</th><th>mrn</th><th>age</th><th>bmi</th><th>admitted</th><th>smoker</th>
</tr></thead><tbody>
<tr><th>0</th><td>${NAMES[0]}</td><td>${MRNS[0]}</td><td>61</td><td>27.4</td><td>2021-03-02</td><td>True</td></tr>
<tr><th>1</th><td>${NAMES[1]}</td><td>${MRNS[1]}</td><td>47</td><td>NaN</td><td>2021-04-11</td><td>False</td></tr>
<tr><th>2</th><td>${NAMES[2]}</td><td>${MRNS[2]}</td><td>NaN</td><td>31.0</td><td>2022-01-19</td><td>False</td></tr>
</tbody></table></div>`;

const TRUNCATED = `<table border="1" class="dataframe"><thead><tr>
<th></th><th>id</th><th>dose</th><th>...</th><th>site</th></tr></thead><tbody>
<tr><th>0</th><td>1</td><td>0.5</td><td>...</td><td>${NAMES[0]}</td></tr>
<tr><th>...</th><td>...</td><td>...</td><td>...</td><td>...</td></tr>
<tr><th>9999</th><td>10000</td><td>2.5</td><td>...</td><td>${NAMES[1]}</td></tr>
</tbody></table><p>10000 rows × 42 columns</p>`;

const REPR = `  patient_name       mrn  age   bmi
0     ${NAMES[0]}  ${MRNS[0]}   61  27.4
1 ${NAMES[1]}  ${MRNS[1]}   47  30.1
2     ${NAMES[2]}  ${MRNS[2]}   52   NaN`;

const INFO = `<class 'pandas.core.frame.DataFrame'>
RangeIndex: 1200 entries, 0 to 1199
Data columns (total 3 columns):
 #   Column        Non-Null Count  Dtype         
---  ------        --------------  -----         
 0   patient_name  1200 non-null   object        
 1   mrn           1200 non-null   int64         
 2   admitted      1187 non-null   datetime64[ns]
dtypes: datetime64[ns](1), int64(1), object(1)
memory usage: 28.2+ KB
`;

function noValues(text: string): void {
  for (const value of [...NAMES, ...MRNS, '27.4', '2021-03-02']) {
    expect(text).not.toContain(value);
  }
}

describe('inferDtype', () => {
  it.each([
    [['1', '2', '-3'], 'int64'],
    [['1', 'NaN', '3'], 'float64'],
    [['1.5', '2', '1e-3'], 'float64'],
    [['True', 'False'], 'bool'],
    [['2021-03-02', '2021-03-04 10:15:00'], 'datetime64'],
    [['3 days 04:00:00', '1 day'], 'timedelta64'],
    [['Jane Doe', '12'], 'object'],
    [['NaN', 'None', '...'], 'unknown']
  ])('%j → %s', (values, dtype) => {
    expect(inferDtype(values)).toBe(dtype);
  });
});

describe('schemaFromHtml', () => {
  it('reads column names, guesses types and counts rows of a pandas table', () => {
    const schema = schemaFromHtml(HTML)!;
    expect(columnsOf(schema)).toBe(
      'patient_name: object, mrn: int64, age: float64, bmi: float64, admitted: datetime64, smoker: bool'
    );
    expect(schema.rows).toBe(3);
    expect(schema.dtypesExact).toBe(false);
  });

  it('takes the shape from the footer of a truncated display, skipping "..."', () => {
    const schema = schemaFromHtml(TRUNCATED)!;
    expect(columnsOf(schema)).toBe('id: int64, dose: float64, site: object');
    expect(schema.rows).toBe(10000);
    expect(schema.totalColumns).toBe(42);
  });

  it('ignores HTML that is not a DataFrame', () => {
    expect(schemaFromHtml('<table><tr><td>x</td></tr></table>')).toBeNull();
    expect(schemaFromHtml('<p>hello</p>')).toBeNull();
  });

  it('handles a named index (a second header row)', () => {
    const html = `<table class="dataframe"><thead>
      <tr><th></th><th>dose</th></tr><tr><th>patient</th><th></th></tr></thead>
      <tbody><tr><th>${NAMES[0]}</th><td>1.5</td></tr></tbody></table>`;
    const schema = schemaFromHtml(html)!;
    expect(columnsOf(schema)).toBe('dose: float64');
    expect(schema.rows).toBe(1);
  });
});

describe('schemaFromRepr', () => {
  it('cuts rows where the right-aligned column names end', () => {
    const schema = schemaFromRepr(REPR)!;
    expect(columnsOf(schema)).toBe('patient_name: object, mrn: int64, age: int64, bmi: float64');
    expect(schema.rows).toBe(3);
    expect(schema.from).toBe('text');
  });

  it('uses the "[N rows x M columns]" footer', () => {
    const text = `    a    b\n0   1  2.0\n..  ..  ...\n99  4  5.5\n\n[100 rows x 2 columns]`;
    const schema = schemaFromRepr(text)!;
    expect(schema.rows).toBe(100);
    expect(columnsOf(schema)).toBe('a: int64, b: float64');
  });

  it('refuses text that is not a frame', () => {
    expect(schemaFromRepr('hello world')).toBeNull();
    expect(schemaFromRepr('Name: age, dtype: int64')).toBeNull();
    expect(schemaFromRepr('a b\nc d')).toBeNull();
  });
});

describe('schemaFromInfo', () => {
  it('takes exact dtypes and the row count from df.info()', () => {
    const schema = schemaFromInfo(INFO)!;
    expect(columnsOf(schema)).toBe('patient_name: object, mrn: int64, admitted: datetime64[ns]');
    expect(schema.rows).toBe(1200);
    expect(schema.dtypesExact).toBe(true);
  });

  it('is null for other text', () => {
    expect(schemaFromInfo(REPR)).toBeNull();
  });
});

describe('schemaFromOutputs', () => {
  it('prefers the HTML of the last DataFrame output', () => {
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: 'loading\n' },
      {
        output_type: 'execute_result',
        data: { 'text/html': HTML, 'text/plain': REPR },
        metadata: {},
        execution_count: 1
      }
    ];
    expect(schemaFromOutputs(outputs)!.from).toBe('html');
  });

  it('reads df.info() from a stream and a text/plain repr', () => {
    expect(
      schemaFromOutputs([{ output_type: 'stream', name: 'stdout', text: INFO.split(/(?<=\n)/) }])!
        .from
    ).toBe('info');
    expect(
      schemaFromOutputs([{ output_type: 'execute_result', data: { 'text/plain': REPR } }])!.from
    ).toBe('text');
  });

  it('is null when no output is a DataFrame (images, plain text)', () => {
    expect(
      schemaFromOutputs([
        { output_type: 'display_data', data: { 'image/png': 'iVBOR', 'text/plain': '<Figure>' } },
        { output_type: 'stream', name: 'stdout', text: 'done' }
      ])
    ).toBeNull();
    expect(schemaFromOutputs([])).toBeNull();
  });
});

describe('schemaContext', () => {
  it('holds names, types and the shape, and says what it holds — never a value', () => {
    const item = schemaContext('c1', 3, schemaFromHtml(HTML)!);
    expect(item.kind).toBe('schema');
    expect(item.label).toBe('DataFrame schema · cell 4');
    expect(item.text).toContain('- patient_name: object');
    expect(item.text).toContain('- admitted: datetime64');
    expect(item.text).toContain('3 rows, 6 columns');
    expect(item.detail).toContain('types guessed from the displayed rows');
    expect(item.detail).toContain('No values');
    noValues(item.text);
    noValues(item.detail);
  });

  it('says when dtypes are exact and when columns were hidden', () => {
    expect(schemaContext('c', 0, schemaFromInfo(INFO)!).detail).toContain(
      'dtypes as printed by df.info()'
    );
    const truncated = schemaContext('c', 0, schemaFromHtml(TRUNCATED)!);
    expect(truncated.text).toContain('10,000 rows, 42 columns; 3 of 42 columns were displayed');
    noValues(truncated.text);
  });
});

describe('cell and selection context', () => {
  it('fences a cell with its language, longer than any fence inside', () => {
    const source = 'text = """\n```\nnot the end\n```\n"""';
    const item = cellContext('abc', 2, 'code', source, 'python')!;
    expect(item.id).toBe('cell:abc');
    expect(item.label).toBe('Cell 3');
    expect(item.text).toBe(`Cell 3 (code):\n\`\`\`\`python\n${source}\n\`\`\`\``);
    expect(fenceFor('no backticks')).toBe('```');
  });

  it('is null for an empty cell or an empty selection', () => {
    expect(cellContext('a', 0, 'code', '  \n', 'python')).toBeNull();
    expect(selectionContext('a', 0, '', 'python')).toBeNull();
  });

  it('labels a selection with its cell and line count', () => {
    const item = selectionContext('a', 4, 'x = 1\ny = 2\n', 'python')!;
    expect(item.label).toBe('Selection · cell 5');
    expect(item.detail).toBe('The text selected in cell 5 (2 lines)');
    expect(item.text).toBe('Selected from cell 5:\n```python\nx = 1\ny = 2\n```');
  });
});

describe('composePrompt and addItem', () => {
  const a: IContextItem = { id: 'a', kind: 'cell', label: 'A', detail: '', text: 'AAA' };
  const b: IContextItem = { id: 'b', kind: 'schema', label: 'B', detail: '', text: 'BBB' };

  it('sends the question alone without context, else context first', () => {
    expect(composePrompt('Why?', [])).toBe('Why?');
    expect(composePrompt('Why?', [a, b])).toBe(
      'Context from my notebook:\n\nAAA\n\nBBB\n\nQuestion: Why?'
    );
  });

  it('replaces an item with the same id instead of adding it twice', () => {
    const again = { ...a, text: 'AAA2' };
    expect(addItem(addItem([a, b], again), b)).toEqual([again, b]);
  });
});
