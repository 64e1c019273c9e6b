/**
 * What the chat tells the user about the gate's verdict: kinds of data, modes and
 * counts — never the values. Pure functions, shared by the sidebar and its tests.
 */
import { Action, IBlocked, IDecision, MODES, isMode } from './api';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 identifiers: PERSON (redact), US_SSN (block)" — kinds and modes, no values. */
export function describeFindings(decision: IDecision): string {
  const modes = new Map<string, string>();
  for (const f of decision.findings) {
    modes.set(f.entity, f.mode ?? '');
  }
  const kinds = [...modes.entries()]
    .sort()
    .map(([entity, mode]) => {
      const n = decision.counts[entity] ?? 0;
      return `${entity}${n > 1 ? ` ×${n}` : ''}${mode ? ` (${mode})` : ''}`;
    })
    .join(', ');
  return `${plural(decision.findings.length, 'identifier')}: ${kinds}`;
}

/** "EMAIL_ADDRESS, PERSON (2)": kinds in order, with counts above one. */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort()
    .map(([entity, n]) => (n > 1 ? `${entity} (${n})` : entity))
    .join(', ');
}

export interface ISendButton {
  label: string;
  disabled: boolean;
  /** Send with `acknowledge` (the gate said warn: the user has seen it). */
  acknowledge: boolean;
}

/** The send button for the text in the input and the gate's preview verdict on it. */
export function sendButton(verdict: IDecision | null, input: string): ISendButton {
  let label = 'Send';
  let disabled = !input.trim();
  if (verdict) {
    if (verdict.action === 'block') {
      label = `Blocked: ${plural(verdict.findings.length, 'identifier')}`;
      disabled = true;
    } else if (verdict.action === 'redact') {
      label = 'Send redacted';
    } else if (verdict.action === 'warn') {
      label = 'Send anyway';
    }
  }
  return { label, disabled, acknowledge: verdict?.action === 'warn' };
}

/** The notice for a question the server refused (422). */
export function refusalNotice(blocked: IBlocked): string {
  if (blocked.reason === 'needs_acknowledgement') {
    return `Not sent: the question contains ${describeCounts(
      blocked.counts
    )}. Review it and press "Send anyway" to send it as it is.`;
  }
  return `Blocked: the question contains ${describeCounts(
    blocked.counts
  )}. Nothing was sent to the model.`;
}

/** The notice for a question sent with placeholders; null when nothing was replaced. */
export function redactedNotice(redacted: Record<string, number>): string | null {
  if (Object.keys(redacted).length === 0) {
    return null;
  }
  return `Sent with placeholders for ${describeCounts(
    redacted
  )}; the answer shows your values again.`;
}

/** A mode's rank, least strict first; `unknown` for what is not a mode (such as 'send'). */
function strictness(mode: string, unknown = -1): number {
  return isMode(mode) ? MODES.indexOf(mode) : unknown;
}

/** What the gate would do with one part of a prompt (a context chip): its strictest mode. */
export function describePart(
  decision: IDecision | null,
  part: number
): { action: Action | null; text: string } {
  if (!decision) {
    return { action: null, text: 'checking…' };
  }
  const found = decision.findings.filter(f => f.part === part);
  if (found.length === 0) {
    return { action: 'send', text: 'nothing found' };
  }
  const modes = new Map<string, { mode: string; n: number }>();
  let action: Action = 'send';
  for (const f of found) {
    const mode = f.mode ?? 'block';
    const known = modes.get(f.entity);
    modes.set(f.entity, { mode, n: (known?.n ?? 0) + 1 });
    if (strictness(mode, MODES.length - 1) > strictness(action)) {
      action = mode as Action;
    }
  }
  const text = [...modes.entries()]
    .sort()
    .map(([entity, { mode, n }]) => `${entity}${n > 1 ? ` ×${n}` : ''} (${mode})`)
    .join(', ');
  return { action, text };
}

/** One row of the policy shown in the sidebar: the admin's floor and the user's ask. */
export interface IPolicyRow {
  category: string;
  admin: string;
  /** The user's setting, when they chose one. */
  mine: string | null;
  /** What the server applies: the stricter of the two. */
  effective: string;
  /** The user asked for a looser mode than the floor: the server ignores it. */
  ignored: boolean;
}

export function policyRows(
  admin: Record<string, string>,
  requested: Record<string, string> | null
): IPolicyRow[] {
  return Object.entries(admin).map(([category, floor]) => {
    const mine = requested?.[category] || null;
    const stricter = mine !== null && strictness(mine) > strictness(floor);
    return {
      category,
      admin: floor,
      mine,
      effective: stricter ? mine! : floor,
      ignored: mine !== null && !stricter && mine !== floor
    };
  });
}
