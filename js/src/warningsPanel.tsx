/**
 * The warnings section of the sidebar: the findings of the server's scanner grouped
 * by severity (high first, low collapsed under a count). A row opens to say why —
 * entity, detector, masked value, line — and offers "Not sensitive here" and "Go to
 * cell". Never the values themselves.
 */
import React, { useState } from 'react';

import { IPolicyInfo, Severity } from './api';
import { policyRows } from './describe';
import { useSignalValue } from './signalValue';
import {
  ICellReport,
  IWarningFinding,
  IWarningsState,
  WarningsModel,
  groupBySeverity
} from './warnings';

export function useWarnings(model: WarningsModel): IWarningsState {
  return useSignalValue(model.changed, () => model.state);
}

export function usePolicyInfo(model: WarningsModel): IPolicyInfo | null {
  return useSignalValue(model.changed, () => model.policyInfo);
}

/** ▾ or ▸ before what a toggle opens or closes. */
function Caret(props: { open: boolean }): JSX.Element {
  return (
    <span className="safeai-caret" aria-hidden="true">
      {props.open ? '▾' : '▸'}
    </span>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function basename(path: string): string {
  return path.split('/').pop() || path;
}

/**
 * The admin floor (read-only) and what the user asked for in Settings; a looser ask
 * is shown as ignored, since the server applies the stricter of the two.
 */
export function PolicyFloor(props: {
  info: IPolicyInfo | null;
  requested: Record<string, string> | null;
  onOpenSettings?: () => void;
}): JSX.Element | null {
  const { info, requested, onOpenSettings } = props;
  if (!info) {
    return null;
  }
  return (
    <div className="safeai-policy-box">
      <div className="safeai-policy-caption">
        <span id="safeai-policy-label">Policy (admin floor, read-only)</span>
        {onOpenSettings && (
          <button
            className="safeai-link-button safeai-open-settings"
            onClick={onOpenSettings}
            title="Make the policy stricter for you in Settings"
          >
            Your settings
          </button>
        )}
      </div>
      <dl className="safeai-policy" aria-labelledby="safeai-policy-label">
        {policyRows(info.admin, requested).map(row => (
          <div key={row.category} className="safeai-policy-row" data-category={row.category}>
            <dt>{row.category}</dt>
            <dd>
              <span
                className="safeai-mode"
                data-mode={row.admin}
                title="Set by the administrator; you cannot loosen it"
              >
                {row.admin}
              </span>
              {row.mine && row.mine !== row.admin && (
                <span
                  className="safeai-policy-mine"
                  data-ignored={row.ignored ? 'true' : 'false'}
                  title={
                    row.ignored
                      ? 'Your setting is looser than the admin floor: the server ignores it'
                      : 'Your setting: stricter than the floor, applied to your questions'
                  }
                >
                  {' '}
                  · you: {row.mine}
                  {row.ignored ? ' (ignored)' : ''}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The line next to the "Warnings" heading. */
export function warningsSummary(state: IWarningsState): string {
  if (!state.path) {
    return 'No notebook open';
  } else if (state.scanning && state.cells.length === 0) {
    return 'Scanning…';
  } else if (state.total === 0) {
    return 'No identifiers found';
  }
  return plural(state.total, 'warning');
}

const SEVERITY_TITLES: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low'
};

/** One finding: a row that opens to say why, with "Not sensitive here" and "Go to cell". */
function FindingRow(props: {
  finding: IWarningFinding;
  model: WarningsModel;
}): JSX.Element {
  const { finding: f, model } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const detailsId = `safeai-finding-${f.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const where = f.where === 'output' ? 'output' : f.cellType === 'code' ? 'code' : f.cellType;
  const dismiss = async () => {
    setBusy(true);
    setNote(null);
    try {
      const done = await model.dismiss(f);
      if (done !== 'marker' && done !== 'baseline') {
        setNote(done);
      }
    } catch (reason) {
      setNote(`Not recorded: ${(reason as Error).message || 'server error'}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className="safeai-finding"
      data-severity={f.severity}
      data-entity={f.entity}
      data-cell-index={f.index}
      data-where={f.where}
    >
      <button
        className="safeai-warning"
        data-cell-index={f.index}
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
        title="Why is this flagged?"
      >
        <Caret open={open} />
        <span className="safeai-warning-cell">Cell {f.index + 1}</span>
        <span className="safeai-warning-entities">
          <span className="safeai-entity" data-mode={f.mode}>
            {f.entity}
            {f.where === 'output' && <span className="safeai-where"> (output)</span>}
          </span>
        </span>
        {!f.dismissible && (
          <span
            className="safeai-locked"
            title={`Cannot be dismissed: your administrator never accepts ${f.category} findings`}
          >
            locked
          </span>
        )}
        <span className="safeai-severity" data-severity={f.severity}>
          {f.severity}
        </span>
      </button>
      {open && (
        <div id={detailsId} className="safeai-warning-details">
          <dl>
            <dt>Entity</dt>
            <dd>
              {f.entity} <span className="safeai-muted">({f.category})</span>
            </dd>
            <dt>Detector</dt>
            <dd>{f.detector || 'not reported'}</dd>
            <dt>Value</dt>
            <dd>
              <code className="safeai-masked" title="Masked: the value is never shown">
                {f.masked}
              </code>
            </dd>
            <dt>Line</dt>
            <dd>
              {f.line} <span className="safeai-muted">({where})</span>
            </dd>
            <dt>Severity</dt>
            <dd>{f.severity}</dd>
          </dl>
          <div className="safeai-warning-actions">
            <button
              className="safeai-dismiss"
              disabled={!f.dismissible || busy}
              onClick={() => void dismiss()}
              title={
                f.dismissible
                  ? f.where === 'source' && f.cellType === 'code'
                    ? `Adds "safeai: allow=${f.entity}" to line ${f.line} of the cell`
                    : 'Records it in this folder\'s .safeai-baseline.json (a hash, not the value)'
                  : 'Your administrator does not allow this category to be accepted'
              }
            >
              Not sensitive here
            </button>
            <button className="safeai-goto" onClick={() => model.reveal(f.index)}>
              Go to cell
            </button>
          </div>
          {!f.dismissible && (
            <p className="safeai-never-accept">
              Cannot be dismissed: your administrator lists {f.category} findings as never
              accepted.
            </p>
          )}
          {note && (
            <p className="safeai-dismiss-error" role="alert">
              {note}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

function SeverityGroup(props: {
  severity: Severity;
  findings: IWarningFinding[];
  model: WarningsModel;
  collapsed: boolean;
}): JSX.Element | null {
  const { severity, findings, model } = props;
  const [open, setOpen] = useState(!props.collapsed);
  if (findings.length === 0) {
    return null;
  }
  const label = `${SEVERITY_TITLES[severity]} (${findings.length})`;
  return (
    <div className="safeai-severity-group" data-severity={severity}>
      {props.collapsed ? (
        <button
          className="safeai-group-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          title="Links, lone dates and other weak signals"
        >
          <Caret open={open} />
          {plural(findings.length, 'low-severity finding')}
        </button>
      ) : (
        <h4 className="safeai-group-heading">{label}</h4>
      )}
      {open && (
        <ul className="safeai-warnings-list" aria-label={`${label} severity`}>
          {findings.map(f => (
            <FindingRow key={f.id} finding={f} model={model} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** "8 image outputs not scanned", opening to the cells they are in. */
function NotScanned(props: { cells: ICellReport[]; model: WarningsModel }): JSX.Element | null {
  const { cells, model } = props;
  const [open, setOpen] = useState(false);
  const skipped = cells.filter(c => c.notScanned.length > 0);
  if (skipped.length === 0) {
    return null;
  }
  const images = skipped.reduce((n, c) => n + (c.imageOutputs ?? 0), 0);
  const others = skipped.filter(c => c.notScanned.some(k => k !== 'image')).length;
  const parts = [];
  if (images > 0) {
    parts.push(`${plural(images, 'image output')} not scanned`);
  }
  if (others > 0) {
    parts.push(`${plural(others, 'cell')} with other unscanned outputs`);
  }
  return (
    <div className="safeai-not-scanned-summary">
      <button
        className="safeai-group-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Caret open={open} />
        {parts.join(', ')}
      </button>
      {open && (
        <ul className="safeai-warnings-list safeai-not-scanned" aria-label="Not scanned">
          {skipped.map(cell => (
            <li key={cell.cellId}>
              <button
                className="safeai-warning safeai-warning-info"
                data-cell-index={cell.index}
                onClick={() => model.reveal(cell.index)}
              >
                <span className="safeai-warning-cell">Cell {cell.index + 1}</span>
                <span className="safeai-warning-entities">
                  not scanned: {cell.notScanned.join(', ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function WarningsPanel(props: { model: WarningsModel }): JSX.Element {
  const { model } = props;
  const state = useWarnings(model);
  const [open, setOpen] = useState(true);
  const groups = groupBySeverity(state.cells);
  const summary = warningsSummary(state);

  return (
    <section
      id="safeai-warnings"
      className="safeai-warnings"
      aria-label="Warnings in this notebook"
      data-count={state.total}
      data-severity={state.severity ?? 'none'}
      data-open={open ? 'true' : 'false'}
      data-last-pass-ms={state.lastPassMs ?? undefined}
      data-first-pass-ms={state.firstPassMs ?? undefined}
      data-scanning={state.scanning ? 'true' : 'false'}
    >
      <h3 className="safeai-warnings-heading">
        <button
          className="safeai-warnings-toggle"
          aria-expanded={open}
          aria-controls="safeai-warnings-body"
          onClick={() => setOpen(!open)}
        >
          <Caret open={open} />
          Warnings
        </button>
        <span
          className="safeai-warnings-summary"
          data-total={state.total}
          data-severity={state.severity ?? 'none'}
          role="status"
          aria-live="polite"
        >
          {summary}
        </span>
      </h3>
      {open && (
        <div id="safeai-warnings-body" className="safeai-warnings-body">
          {state.path && (
            <p className="safeai-warnings-file" title={state.path}>
              in {basename(state.path)}
              {state.scanning && state.cells.length > 0 ? ' · scanning…' : ''}
            </p>
          )}
          {state.error && <p className="safeai-warnings-error">{state.error}</p>}
          <SeverityGroup severity="high" findings={groups.high} model={model} collapsed={false} />
          <SeverityGroup
            severity="medium"
            findings={groups.medium}
            model={model}
            collapsed={false}
          />
          <SeverityGroup severity="low" findings={groups.low} model={model} collapsed={true} />
          {state.magic.length > 0 && (
            <ul className="safeai-warnings-list safeai-magic-list" aria-label="From %%safe_ai">
              {state.magic.map((w, i) => (
                <li key={i}>
                  <button
                    className="safeai-warning safeai-warning-magic"
                    data-cell-index={w.cell ?? ''}
                    disabled={w.cell === null}
                    onClick={() => w.cell !== null && model.reveal(w.cell)}
                    title={`Reported by %%safe_ai at ${w.time}`}
                  >
                    <span className="safeai-warning-cell">
                      {w.cell === null ? '%%safe_ai' : `Cell ${w.cell + 1} · %%safe_ai`}
                    </span>
                    <span className="safeai-warning-entities">
                      <span className="safeai-entity" title={w.category}>
                        {w.entity}
                        {w.count > 1 ? ` ×${w.count}` : ''}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <NotScanned cells={state.cells} model={model} />
          {(state.accepted ?? 0) > 0 && (
            <p className="safeai-accepted" title="Recorded in .safeai-baseline.json">
              {plural(state.accepted ?? 0, 'finding')} accepted as not sensitive
            </p>
          )}
        </div>
      )}
    </section>
  );
}
