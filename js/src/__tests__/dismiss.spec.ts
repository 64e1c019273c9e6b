/**
 * What "Not sensitive here" writes and shows: the CLI's masking rules, and the allow
 * marker put on a code cell's line in the notebook language's comment syntax.
 */
import { commentFor, mask, withAllowMarker } from '../dismiss';

// Expected values are what scan/allow.py's mask() returns for the same input.
describe('mask', () => {
  it('keeps the first character and the shape, never the value', () => {
    expect(mask('Jane Doe', 'PERSON')).toBe('J••• •••');
    expect(mask('219-09-9999', 'US_SSN')).toBe('2••-••-••••');
    expect(mask('1961', 'DATE_TIME')).toBe('••••');
    expect(mask('patient.number.seventeen@example.org', 'EMAIL_ADDRESS')).toBe(
      'p••••••.••••••.•…'
    );
  });

  it("keeps a URL's site and a key's vendor prefix, as the CLI does", () => {
    expect(mask('https://docs.python.org/3/library', 'URL')).toBe('https://docs.python.org/•/•••••••');
    expect(mask('https://user:pw@portal.example.org/x', 'URL')).toBe('h••••://••••:••@…');
    expect(mask('AKIAZQ3DRT5K7PLMN2XW', 'AWS_ACCESS_KEY', 'secret')).toBe('AKIA••••••••••••…');
  });
});

describe('withAllowMarker', () => {
  const src = 'a = 1\nwho = "Ada Lovelace"\nb = 2';

  it('appends the marker to the line, in the given comment syntax', () => {
    expect(withAllowMarker(src, 2, 'PERSON', '#')).toBe(
      'a = 1\nwho = "Ada Lovelace"  # safeai: allow=PERSON\nb = 2'
    );
    expect(withAllowMarker("select 'Ada'", 1, 'PERSON', '--')).toBe(
      "select 'Ada'  -- safeai: allow=PERSON"
    );
  });

  it('adds the label to a marker already on the line, once', () => {
    const marked = withAllowMarker(src, 2, 'PERSON', '#')!;
    expect(withAllowMarker(marked, 2, 'PERSON', '#')).toBe(marked);
    expect(withAllowMarker(marked, 2, 'URL', '#')).toBe(
      'a = 1\nwho = "Ada Lovelace"  # safeai: allow=PERSON,URL\nb = 2'
    );
    const all = 'x = "Ada"  # safeai: allow';
    expect(withAllowMarker(all, 1, 'PERSON', '#')).toBe(all);
  });

  it('refuses lines that do not exist or continue on the next line', () => {
    expect(withAllowMarker(src, 9, 'PERSON', '#')).toBeNull();
    expect(withAllowMarker('x = "Ada" + \\\n  "Lovelace"', 1, 'PERSON', '#')).toBeNull();
  });
});

describe('commentFor', () => {
  it('knows the languages whose comments the scanner reads as markers', () => {
    expect(commentFor('python')).toBe('#');
    expect(commentFor('R')).toBe('#');
    expect(commentFor('sql')).toBe('--');
    expect(commentFor(undefined)).toBe('#');
    expect(commentFor('javascript')).toBeNull();
  });
});
