/**
 * What the chat tells the user about the gate's verdict: the send button's label,
 * and notices that name kinds of data and counts — never the matched values.
 */
import { Action, IBlocked, IDecision, IFinding } from '../api';
import {
  describeCounts,
  describeFindings,
  plural,
  policyRows,
  describePart,
  redactedNotice,
  refusalNotice,
  sendButton
} from '../describe';

/** A fake SSN and e-mail the scanner would match; they must never be echoed. */
const SSN = '078-05-1120';
const EMAIL = 'jane.roe@example.org';
const QUESTION = `Why does the lookup for ${SSN} and ${EMAIL} fail?`;

function finding(entity: string, category: string, mode?: IFinding['mode']): IFinding {
  return { part: 0, entity, category, start: 0, end: 1, score: 0.9, mode };
}

function decision(action: Action, findings: IFinding[] = []): IDecision {
  const counts: Record<string, number> = {};
  for (const f of findings) {
    counts[f.entity] = (counts[f.entity] ?? 0) + 1;
  }
  return {
    action,
    blocked: action === 'block',
    message: '',
    counts,
    policy: { phi: 'redact', secret: 'block', genomic: 'block' },
    notes: [],
    findings
  };
}

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(0, 'identifier')).toBe('0 identifiers');
    expect(plural(1, 'identifier')).toBe('1 identifier');
    expect(plural(3, 'identifier')).toBe('3 identifiers');
  });
});

describe('sendButton', () => {
  it('says Send with no verdict yet, disabled only for an empty input', () => {
    expect(sendButton(null, QUESTION)).toEqual({
      label: 'Send',
      disabled: false,
      acknowledge: false
    });
    expect(sendButton(null, '   \n ')).toEqual({
      label: 'Send',
      disabled: true,
      acknowledge: false
    });
  });

  it.each<[Action, string, boolean, IFinding[]]>([
    ['send', 'Send', false, []],
    ['redact', 'Send redacted', false, [finding('PERSON', 'phi', 'redact')]],
    ['warn', 'Send anyway', true, [finding('EMAIL_ADDRESS', 'phi', 'warn')]]
  ])('when the gate would %s, says %s (acknowledgement sent: %s)', (action, label, ack, found) => {
    const button = sendButton(decision(action, found), QUESTION);
    expect(button).toEqual({ label, disabled: false, acknowledge: ack });
  });

  it.each([
    [1, 'Blocked: 1 identifier'],
    [2, 'Blocked: 2 identifiers'],
    [5, 'Blocked: 5 identifiers']
  ])('is disabled and says how many identifiers block (%i)', (n, label) => {
    const findings = Array.from({ length: n }, () => finding('US_SSN', 'phi', 'block'));
    const button = sendButton(decision('block', findings), QUESTION);
    expect(button).toEqual({ label, disabled: true, acknowledge: false });
  });

  it('never puts the question text in the label', () => {
    for (const action of ['send', 'redact', 'warn', 'block'] as Action[]) {
      const { label } = sendButton(
        decision(action, [finding('US_SSN', 'phi', 'block')]),
        QUESTION
      );
      expect(label).not.toContain(SSN);
      expect(label).not.toContain(EMAIL);
    }
  });
});

describe('describeCounts', () => {
  it('lists kinds in order, with counts above one', () => {
    expect(describeCounts({ US_SSN: 1, PERSON: 2, EMAIL_ADDRESS: 1 })).toBe(
      'EMAIL_ADDRESS, PERSON (2), US_SSN'
    );
  });

  it('is empty for no findings', () => {
    expect(describeCounts({})).toBe('');
  });
});

describe('describeFindings', () => {
  it('names each kind once with its count and mode', () => {
    const verdict = decision('block', [
      finding('US_SSN', 'phi', 'block'),
      finding('PERSON', 'phi', 'redact'),
      finding('PERSON', 'phi', 'redact'),
      finding('AWS_ACCESS_KEY', 'secret')
    ]);
    expect(describeFindings(verdict)).toBe(
      '4 identifiers: AWS_ACCESS_KEY, PERSON ×2 (redact), US_SSN (block)'
    );
  });

  it('uses the singular for one identifier', () => {
    const verdict = decision('warn', [finding('EMAIL_ADDRESS', 'phi', 'warn')]);
    expect(describeFindings(verdict)).toBe('1 identifier: EMAIL_ADDRESS (warn)');
  });
});

describe('refusalNotice', () => {
  const blocked: IBlocked = {
    message: 'Blocked',
    counts: { US_SSN: 1, EMAIL_ADDRESS: 2 }
  };

  it('says nothing was sent, naming kinds and counts', () => {
    expect(refusalNotice({ ...blocked, reason: 'blocked' })).toBe(
      'Blocked: the question contains EMAIL_ADDRESS (2), US_SSN. Nothing was sent to the model.'
    );
  });

  it('asks for review when the gate needs an acknowledgement', () => {
    const notice = refusalNotice({ ...blocked, reason: 'needs_acknowledgement' });
    expect(notice).toMatch(/^Not sent: the question contains EMAIL_ADDRESS \(2\), US_SSN\./);
    expect(notice).toContain('"Send anyway"');
  });

  it('shows kinds, not values, even when the server message quotes the question', () => {
    const notice = refusalNotice({ ...blocked, message: QUESTION });
    expect(notice).not.toContain(SSN);
    expect(notice).not.toContain(EMAIL);
  });
});

describe('redactedNotice', () => {
  it('names the replaced kinds', () => {
    expect(redactedNotice({ PERSON: 3, US_SSN: 1 })).toBe(
      'Sent with placeholders for PERSON (3), US_SSN; the answer shows your values again.'
    );
  });

  it('is null when nothing was replaced', () => {
    expect(redactedNotice({})).toBeNull();
  });
});

describe('describePart', () => {
  const withParts = (findings: IFinding[]) => decision('block', findings);

  it('gives a chip the strictest mode of its own findings only', () => {
    const d = withParts([
      { ...finding('PERSON', 'phi', 'redact'), part: 1 },
      { ...finding('US_SSN', 'phi', 'block'), part: 1 },
      { ...finding('EMAIL_ADDRESS', 'phi', 'block'), part: 0 },
      { ...finding('PERSON', 'phi', 'redact'), part: 1 }
    ]);
    expect(describePart(d, 1)).toEqual({
      action: 'block',
      text: 'PERSON ×2 (redact), US_SSN (block)'
    });
    expect(describePart(d, 2)).toEqual({ action: 'send', text: 'nothing found' });
    expect(describePart(null, 1)).toEqual({ action: null, text: 'checking…' });
  });
});

describe('policyRows', () => {
  it('applies a stricter setting and marks a looser one as ignored', () => {
    const rows = policyRows(
      { phi: 'redact', secret: 'block', genomic: 'redact' },
      { phi: 'block', secret: 'warn' }
    );
    expect(rows).toEqual([
      { category: 'phi', admin: 'redact', mine: 'block', effective: 'block', ignored: false },
      { category: 'secret', admin: 'block', mine: 'warn', effective: 'block', ignored: true },
      { category: 'genomic', admin: 'redact', mine: null, effective: 'redact', ignored: false }
    ]);
    expect(policyRows({ phi: 'warn' }, null)[0].effective).toBe('warn');
  });
});
