/**
 * What the sidebar says when the assistant cannot answer: no approved model, a model
 * that failed its checksum, a busy model, an unreachable server. The server's words
 * are kept (they name the model and the reason) and told in terms of what to do next.
 * Pure functions, so every message can be tested.
 */
import { ServerConnection } from '@jupyterlab/services';

import { ChatRefused, IModelList } from './api';

/** The line under the model picker: the state of the chosen model, or why there is none. */
export interface IModelStatus {
  text: string;
  /** `data-state` of the status line: a model state, 'error' or 'unknown'. */
  state: string;
}

const CHECKSUM = /sha256 mismatch/i;
const MISSING = /weights file not found|not found at/i;

/** "failed its checksum …" for an integrity error, else the server's reason. */
export function modelError(error: string | null | undefined): string {
  const reason = error || 'unknown error';
  if (CHECKSUM.test(reason)) {
    return (
      'failed its checksum: the weights file is not the one the administrator ' +
      `approved, so it was not loaded (${reason}). Ask your administrator.`
    );
  }
  if (MISSING.test(reason)) {
    return `its weights file is missing (${reason}). Ask your administrator.`;
  }
  return `failed: ${reason}`;
}

export function modelStatus(
  models: IModelList | null,
  selected: string | null,
  unreachable: boolean,
  speed = ''
): IModelStatus {
  if (unreachable) {
    return {
      text: 'Server unreachable: the Jupyter server does not answer. Is it still running?',
      state: 'error'
    };
  }
  if (!models) {
    return { text: 'Connecting…', state: 'unknown' };
  }
  if (!models.default || models.models.length === 0) {
    return {
      text:
        'No approved model: the assistant is off until an administrator approves one' +
        (models.error ? ` (${models.error})` : '') +
        '.',
      state: 'error'
    };
  }
  const current =
    models.models.find(m => m.name === (selected ?? models.default)) ?? models.models[0];
  const label: Record<string, string> = {
    not_loaded: 'not loaded yet (loads on first question)',
    verifying: `checking sha256… ${Math.round((current.progress ?? 0) * 100)}%`,
    loading: 'loading…',
    loaded: 'loaded',
    error: modelError(current.error)
  };
  const what = label[current.state] ?? current.state;
  return {
    text: `${current.name} · ${what}${speed && current.state === 'loaded' ? ` · ${speed}` : ''}`,
    state: current.state
  };
}

/** A `status` event of the chat stream as a line in the conversation, or null. */
export function statusNotice(event: { state: string; position?: number }): string | null {
  switch (event.state) {
    case 'queued': {
      const n = event.position ?? 0;
      return n > 0
        ? `Waiting for the model — ${n} request${n === 1 ? '' : 's'} ahead of yours`
        : 'Waiting for the model';
    }
    case 'verifying':
      return "Checking the model's sha256 before loading it…";
    case 'loading':
    case 'not_loaded':
      return 'Loading the model…';
    default:
      return null;
  }
}

/** True for a fetch that never reached the server (it is down or the network is). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ServerConnection.NetworkError ||
    (error instanceof TypeError &&
      /failed to fetch|network ?error|load failed/i.test(error.message))
  );
}

/** What the chat says for an error while asking (not a 422: those are explained apart). */
export function chatErrorMessage(error: unknown): string {
  if (isUnreachable(error)) {
    return (
      'Server unreachable: the Jupyter server did not answer, so nothing was sent. ' +
      'Check that it is still running, then ask again.'
    );
  }
  const message = (error as Error | null)?.message || '';
  if (error instanceof ChatRefused) {
    switch (error.status) {
      case 503:
        if (/no approved model/i.test(message)) {
          return (
            `${message.replace(/\.$/, '')}. The assistant is off until an administrator ` +
            'approves a model (c.SafeAI.approved_models). Nothing was sent.'
          );
        }
        if (CHECKSUM.test(message) || MISSING.test(message)) {
          return `The model ${modelError(message)} Nothing was sent.`;
        }
        return `The model cannot answer now: ${message || 'unavailable'}. Nothing was sent.`;
      case 403:
        return /approved/i.test(message)
          ? `${message}. Pick a model from the list.`
          : 'Not allowed: the server refused the request (are you still logged in?).';
      case 413:
        return `Too long: ${message}. Shorten the question or remove context.`;
      case 429:
        return 'The model stayed busy; nothing was sent. Try again in a moment.';
      default:
        return `The server answered ${error.status}: ${message || 'error'}. Nothing was sent.`;
    }
  }
  if (CHECKSUM.test(message) || MISSING.test(message)) {
    return `The model ${modelError(message)}`;
  }
  return message || 'The server did not answer.';
}
