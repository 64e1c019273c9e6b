/**
 * Inline completions: the state and requests behind the ghost text, apart from any
 * view. The server scans the cell and decides; this model only debounces, asks,
 * cancels a request the user typed past, and says what happened (for the status bar).
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import { PolicyRequest, readNdjson } from './api';

/** The user's settings (schema `completions` in plugin.json). */
export interface ICompletionSettings {
  enabled: boolean;
  debounceMs: number;
  model: string;
  maxPrefixChars: number;
  maxSuffixChars: number;
  languages: string[];
}

export const DEFAULT_COMPLETION_SETTINGS: ICompletionSettings = {
  enabled: true,
  debounceMs: 250,
  model: '',
  maxPrefixChars: 2000,
  maxSuffixChars: 500,
  languages: ['python', 'r', 'julia', 'sql', 'shell', 'javascript']
};

/** What the admin allows (GET /safeai/complete): a floor the settings cannot loosen. */
export interface IAdminLimits {
  enabled: boolean;
  model: string | null;
  max_prefix_chars: number;
  max_suffix_chars: number;
}

/** One line of the completion stream (application/x-ndjson). */
export type CompletionEvent =
  | {
      type: 'gate';
      action: 'send' | 'redact';
      counts: Record<string, number>;
      redacted: Record<string, number>;
      gate_ms: number;
    }
  | { type: 'suggestion'; text: string }
  | {
      type: 'done';
      tokens: number;
      masked: Record<string, number>;
      gate_ms: number;
      first_suggestion_ms: number;
    }
  | { type: 'blocked'; reason: string; kinds: string[]; counts: Record<string, number> }
  | { type: 'skipped'; reason: string }
  | { type: 'error'; message: string };

export interface ICompletionRequest {
  prefix: string;
  suffix: string;
  language: string;
  model: string | null;
  policy: PolicyRequest | null;
}

/** Sends one request; yields the server's events. Injected, so tests need no server. */
export type CompletionTransport = (
  request: ICompletionRequest,
  signal: AbortSignal
) => AsyncIterable<CompletionEvent>;

/** What the status bar shows: the last request's outcome, kinds only. */
export interface ICompletionStatus {
  state: 'idle' | 'waiting' | 'streaming' | 'shown' | 'blocked' | 'skipped' | 'error';
  /** Entity kinds that stopped the request or were replaced (never values). */
  kinds: string[];
  message: string;
}

const IDLE: ICompletionStatus = { state: 'idle', kinds: [], message: '' };

/** Settings narrowed by the admin's limits: off if the admin says off, never longer. */
export function effectiveSettings(
  user: ICompletionSettings,
  admin: IAdminLimits | null
): ICompletionSettings {
  if (admin === null) {
    return user;
  }
  return {
    ...user,
    enabled: user.enabled && admin.enabled,
    model: user.model || admin.model || '',
    maxPrefixChars: Math.max(0, Math.min(user.maxPrefixChars, admin.max_prefix_chars)),
    maxSuffixChars: Math.max(0, Math.min(user.maxSuffixChars, admin.max_suffix_chars))
  };
}

/** Settings from the registry's raw value, with defaults for anything missing or odd. */
export function completionSettingsFrom(value: unknown): ICompletionSettings {
  const raw = (value ?? {}) as Partial<Record<keyof ICompletionSettings, unknown>>;
  const d = DEFAULT_COMPLETION_SETTINGS;
  const count = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback;
  return {
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : d.enabled,
    debounceMs: count(raw.debounceMs, d.debounceMs),
    model: typeof raw.model === 'string' ? raw.model : d.model,
    maxPrefixChars: count(raw.maxPrefixChars, d.maxPrefixChars),
    maxSuffixChars: count(raw.maxSuffixChars, d.maxSuffixChars),
    languages: Array.isArray(raw.languages)
      ? raw.languages.filter((l): l is string => typeof l === 'string').map(l => l.toLowerCase())
      : d.languages
  };
}

/** The cell's language from its editor's MIME type (`text/x-ipython` → python). */
export function languageOf(mimeType: string | undefined): string {
  const mime = (mimeType ?? '').toLowerCase();
  if (mime.includes('python')) {
    return 'python';
  }
  if (mime.includes('markdown') || mime === 'text/x-gfm') {
    return 'markdown';
  }
  if (mime === 'text/x-rsrc') {
    return 'r';
  }
  if (mime === 'text/x-sh') {
    return 'shell';
  }
  return mime.replace(/^(text|application)\/(x-)?/, '');
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => resolve(!signal.aborted), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function describeKinds(kinds: string[]): string {
  return kinds.length ? kinds.join(', ') : 'identifiers';
}

/**
 * One pending suggestion at a time: a new request (the user typed again) aborts the
 * previous one, whether it is still waiting out the debounce or already streaming.
 */
export class CompletionModel {
  constructor(
    private readonly transport: CompletionTransport,
    public settings: ICompletionSettings = DEFAULT_COMPLETION_SETTINGS,
    public policy: PolicyRequest | null = null
  ) {}

  get status(): ICompletionStatus {
    return this._status;
  }

  get statusChanged(): ISignal<this, ICompletionStatus> {
    return this._statusChanged;
  }

  /** Whether a cell of this language gets completions at all (Markdown: not by default). */
  accepts(language: string): boolean {
    return this.settings.enabled && this.settings.languages.includes(language.toLowerCase());
  }

  /** The text the request carries: the nearest characters around the cursor. */
  window(text: string, offset: number): { prefix: string; suffix: string } {
    const { maxPrefixChars, maxSuffixChars } = this.settings;
    const prefix = maxPrefixChars > 0 ? text.slice(0, offset).slice(-maxPrefixChars) : '';
    return { prefix, suffix: text.slice(offset, offset + maxSuffixChars) };
  }

  /**
   * Wait out the debounce, then ask; the suggestion grows as it streams (each value
   * is the whole suggestion so far). Ends quietly when superseded or refused.
   */
  async *suggest(text: string, offset: number, language: string): AsyncGenerator<string> {
    this._controller?.abort();
    const controller = new AbortController();
    this._controller = controller;
    if (!this.accepts(language)) {
      return;
    }
    const { prefix, suffix } = this.window(text, offset);
    if (!prefix.trim()) {
      return;
    }
    if (this._status.state !== 'blocked') {
      // a blocked cell keeps its indicator while the user types on, without flicker
      this.setStatus({ state: 'waiting', kinds: [], message: '' });
    }
    if (!(await sleep(this.settings.debounceMs, controller.signal))) {
      return;
    }
    const request: ICompletionRequest = {
      prefix,
      suffix,
      language: language.toLowerCase(),
      model: this.settings.model || null,
      policy: this.policy
    };
    let shown = '';
    try {
      for await (const event of this.transport(request, controller.signal)) {
        if (controller.signal.aborted) {
          return;
        }
        switch (event.type) {
          case 'gate': {
            const kinds = Object.keys(event.redacted ?? {}).sort();
            this.setStatus({
              state: 'streaming',
              kinds,
              message: kinds.length ? `sent with placeholders for ${kinds.join(', ')}` : ''
            });
            break;
          }
          case 'suggestion':
            shown = event.text;
            yield shown;
            break;
          case 'done':
            this.setStatus({
              state: shown ? 'shown' : 'idle',
              kinds: this._status.kinds,
              message: this._status.message
            });
            break;
          case 'blocked':
            this.setStatus({
              state: 'blocked',
              kinds: [...event.kinds],
              message: `no suggestion: the cell holds ${describeKinds(event.kinds)}`
            });
            return;
          case 'skipped':
            this.setStatus({ state: 'skipped', kinds: [], message: event.reason });
            return;
          case 'error':
            this.setStatus({ state: 'error', kinds: [], message: event.message });
            return;
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        this.setStatus({ state: 'error', kinds: [], message: String(error) });
      }
    } finally {
      if (this._controller === controller) {
        this._controller = null;
      }
    }
  }

  /** Stop whatever is pending (the user moved on, or the provider is disposed). */
  cancel(): void {
    this._controller?.abort();
    this._controller = null;
  }

  private setStatus(status: ICompletionStatus): void {
    this._status = status;
    this._statusChanged.emit(status);
  }

  private _controller: AbortController | null = null;
  private _status: ICompletionStatus = IDLE;
  private _statusChanged = new Signal<this, ICompletionStatus>(this);
}

function completeUrl(): { url: string; settings: ServerConnection.ISettings } {
  const settings = ServerConnection.makeSettings();
  return { url: URLExt.join(settings.baseUrl, 'safeai', 'complete'), settings };
}

/** The admin's limits; null when the server does not answer (then nothing is asked). */
export async function fetchAdminLimits(): Promise<IAdminLimits | null> {
  const { url, settings } = completeUrl();
  try {
    const response = await ServerConnection.makeRequest(url, {}, settings);
    return response.ok ? ((await response.json()) as IAdminLimits) : null;
  } catch {
    return null;
  }
}

/** The real transport: POST /safeai/complete, read as JSON lines. */
export async function* serverTransport(
  request: ICompletionRequest,
  signal: AbortSignal
): AsyncGenerator<CompletionEvent> {
  const { url, settings } = completeUrl();
  const body: Record<string, unknown> = {
    prefix: request.prefix,
    suffix: request.suffix,
    language: request.language
  };
  if (request.model) {
    body.model = request.model;
  }
  if (request.policy) {
    body.policy = request.policy;
  }
  const response = await ServerConnection.makeRequest(
    url,
    { method: 'POST', body: JSON.stringify(body), signal },
    settings
  );
  if (response.status === 429) {
    yield { type: 'skipped', reason: 'rate_limited' };
    return;
  }
  if (!response.ok) {
    yield { type: 'error', message: `the server answered HTTP ${response.status}` };
    return;
  }
  yield* readNdjson<CompletionEvent>(response.body!);
}
