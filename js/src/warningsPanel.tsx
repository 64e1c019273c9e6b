/**
 * The warnings section of the sidebar: per cell, the kinds of identifiers the
 * server's scanner found and how many — never the values. A click (or Enter)
 * selects the cell and scrolls to it.
 */
import React, { useEffect, useState } from 'react';

import { IPolicyInfo } from './api';
import { policyRows } from './describe';
import { IWarningsState, WarningsModel } from './warnings';

export function useWarnings(model: WarningsModel): IWarningsState {
  const [state, setState] = useState(model.state);
  useEffect(() => {
    const update = () => setState(model.state);
    model.changed.connect(update);
    update();
    return () => {
      model.changed.disconnect(update);
    };
  }, [model]);
  return state;
}

export function usePolicyInfo(model: WarningsModel): IPolicyInfo | null {
  const [info, setInfo] = useState(model.policyInfo);
  useEffect(() => {
    const update = () => setInfo(model.policyInfo);
    model.changed.connect(update);
    update();
    return () => {
      model.changed.disconnect(update);
    };
  }, [model]);
  return info;
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

export function WarningsPanel(props: { model: WarningsModel }): JSX.Element {
  const { model } = props;
  const state = useWarnings(model);
  const [open, setOpen] = useState(true);
  const flagged = state.cells.filter(c => c.entities.length > 0);
  const info = state.cells.filter(c => c.entities.length === 0);
  const summary = warningsSummary(state);

  return (
    <section
      id="safeai-warnings"
      className="safeai-warnings"
      aria-label="Warnings in this notebook"
      data-count={state.total}
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
          <span className="safeai-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Warnings
        </button>
        <span
          className="safeai-warnings-summary"
          data-total={state.total}
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
          {flagged.length > 0 && (
            <ul className="safeai-warnings-list" aria-label="Cells with identifiers">
              {flagged.map(cell => (
                <li key={cell.cellId}>
                  <button
                    className="safeai-warning"
                    data-cell-index={cell.index}
                    aria-label={`Cell ${cell.index + 1}: ${cell.entities
                      .map(e => `${e.count} ${e.entity}`)
                      .join(', ')}. Select the cell.`}
                    onClick={() => model.reveal(cell.index)}
                  >
                    <span className="safeai-warning-cell">Cell {cell.index + 1}</span>
                    <span className="safeai-warning-entities">
                      {cell.entities.map(e => (
                        <span
                          key={e.entity}
                          className="safeai-entity"
                          data-mode={e.mode}
                          title={`${e.category} · ${e.mode || 'no mode'} · in ${
                            e.where === 'both' ? 'source and output' : e.where
                          }`}
                        >
                          {e.entity}
                          {e.count > 1 ? ` ×${e.count}` : ''}
                          {e.where !== 'source' && (
                            <span className="safeai-where"> (output)</span>
                          )}
                        </span>
                      ))}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
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
          {info.length > 0 && (
            <ul className="safeai-warnings-list safeai-not-scanned" aria-label="Not scanned">
              {info.map(cell => (
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
      )}
    </section>
  );
}
