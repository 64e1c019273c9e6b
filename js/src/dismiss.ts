/**
 * What "Not sensitive here" needs, kept pure so it can be tested: the masked form a
 * row may show (the CLI's masking rules, `scan/allow.py`), the hash the CLI's
 * baseline stores (sha256 of `ENTITY:value`), and the `safeai: allow=ENTITY` marker
 * written onto a code cell's line in the comment syntax of the notebook's language.
 */

const MASK_CAP = 16;
/** A URL's scheme and host (no user or password): which site, not whose page. */
const URL_SITE = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?([^/?#\s@]+)/i;
/** Vendor prefixes of keys and tokens: which service, not which account. */
const VENDOR_PREFIX =
  /^(?:github_pat_|gh[pousr]_|glpat-|xox[abposre]-|(?:sk|rk|pk)_(?:live|test)_|sk-(?:proj-|ant-)?|hf_|A(?:KIA|SIA)|AIza|eyJ|-----BEGIN [A-Z ]{0,24}-----|Bearer )/;

function isAlnum(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

function shape(value: string): string {
  const chars = [...value.slice(0, MASK_CAP)];
  const shown = chars.map(ch => (isAlnum(ch) ? '•' : /\s/.test(ch) ? ' ' : ch)).join('');
  return shown + (value.length > MASK_CAP ? '…' : '');
}

function keep(value: string, n: number): string {
  const shown = value.slice(0, n) + shape(value.slice(n, MASK_CAP)).slice(0, MASK_CAP - n);
  return shown + (value.length > MASK_CAP ? '…' : '');
}

/**
 * A form of `value` a row may show, by the CLI's rules: the first character and the
 * shape of the rest (`J••• •••`), all bullets up to 4 characters, cut at 16; a URL
 * keeps its scheme and host, a key its vendor prefix.
 */
export function mask(value: string, entity?: string, category?: string): string {
  const site = entity === 'URL' ? URL_SITE.exec(value) : null;
  if (site && !site[0].includes('@')) {
    return value.slice(0, site[0].length) + shape(value.slice(site[0].length));
  }
  const prefix =
    category === 'secret' && entity !== 'PASSWORD' ? VENDOR_PREFIX.exec(value) : null;
  if (prefix && prefix[0].length < value.length) {
    return keep(value, prefix[0].length);
  }
  if (value.length <= 4) {
    return '•'.repeat(value.length);
  }
  return keep(value, /\s/.test(value[0]) ? 0 : 1);
}

/** The baseline's hash of a finding: sha256 hex of `ENTITY:value`, as the CLI computes it. */
export async function fingerprint(
  entity: string,
  value: string,
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle
): Promise<string> {
  if (!subtle) {
    return ''; // no Web Crypto (not a secure context): nothing can be matched or accepted
  }
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(`${entity}:${value}`));
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}

/** Line comment starts the scanner's markers understand (`#`, `--`), per kernel language. */
const COMMENTS: Record<string, string> = {
  python: '#',
  ipython: '#',
  r: '#',
  julia: '#',
  ruby: '#',
  perl: '#',
  bash: '#',
  sh: '#',
  shell: '#',
  powershell: '#',
  sql: '--',
  haskell: '--',
  lua: '--'
};

/** The comment start for a notebook language, or null when markers cannot be written. */
export function commentFor(language: string | undefined | null): string | null {
  return COMMENTS[(language || 'python').toLowerCase()] ?? null;
}

const MARKER_WITH_LABELS = /(safeai:[ \t]*allow[ \t]*=[ \t]*)([A-Za-z0-9_]+(?:[ \t]*,[ \t]*[A-Za-z0-9_]+)*)/i;
const MARKER_ALL = /safeai:[ \t]*allow\b(?![ \t]*=)/i;

/**
 * `source` with an allow marker for `entity` on its 1-based `line`: appended as a
 * comment, or the label added to a marker already there. Null when the line cannot
 * take a comment (it does not exist, or ends in a line continuation).
 */
export function withAllowMarker(
  source: string,
  line: number,
  entity: string,
  comment: string
): string | null {
  const lines = source.split('\n');
  const text = lines[line - 1];
  if (text === undefined || /\\\s*$/.test(text)) {
    return null;
  }
  if (MARKER_ALL.test(text)) {
    return source; // every label on this line is accepted already
  }
  const existing = MARKER_WITH_LABELS.exec(text);
  if (existing) {
    const labels = existing[2].split(',').map(l => l.trim().toUpperCase());
    if (labels.includes(entity.toUpperCase())) {
      return source;
    }
    const end = existing.index + existing[0].length;
    lines[line - 1] = `${text.slice(0, end)},${entity}${text.slice(end)}`;
  } else {
    const trimmed = text.replace(/[ \t]+$/, '');
    lines[line - 1] = `${trimmed}${trimmed ? '  ' : ''}${comment} safeai: allow=${entity}`;
  }
  return lines.join('\n');
}
