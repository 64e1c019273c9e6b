/**
 * Calls to the server's /safeai API. The server decides policy; this module
 * only asks and reports what the server said.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

export interface IModelInfo {
  name: string;
  license: string;
  model_card: string;
  phi_allowed: boolean;
  state: 'not_loaded' | 'verifying' | 'loading' | 'loaded' | 'error';
  loaded: boolean;
  error: string | null;
  progress?: number | null;
}

export interface IModelList {
  default: string | null;
  models: IModelInfo[];
  error?: string | null;
}

export interface IChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** One line of the chat stream (application/x-ndjson). */
export type ChatEvent =
  | {
      type: 'gate';
      action: 'send' | 'redact' | 'warn';
      counts: Record<string, number>;
      redacted: Record<string, number>;
      notes: string[];
    }
  | { type: 'status'; model: string; state: string; position?: number }
  | { type: 'token'; content: string }
  | {
      type: 'done';
      model: string;
      tokens: number;
      time_to_first_token: number;
      tokens_per_second: number | null;
    }
  | { type: 'error'; message: string };

/** Why the server refused a prompt: kinds and counts, never the values. */
export interface IBlocked {
  message: string;
  counts: Record<string, number>;
  reason?: string;
  action?: Action;
  findings?: IFinding[];
}

export class ChatRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly blocked: IBlocked | null,
    /** 429: seconds the server asked us to wait (Retry-After), and requests queued. */
    readonly retryAfter: number | null = null,
    readonly queue: number | null = null
  ) {
    super(message);
  }
}

function url(path: string): { url: string; settings: ServerConnection.ISettings } {
  const settings = ServerConnection.makeSettings();
  return { url: URLExt.join(settings.baseUrl, 'safeai', path), settings };
}

export async function fetchModels(): Promise<IModelList> {
  const { url: target, settings } = url('models');
  const response = await ServerConnection.makeRequest(target, {}, settings);
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
  return (await response.json()) as IModelList;
}

/** The categories of findings, in the order the server's policies and reports list them. */
export const CATEGORIES = ['phi', 'secret', 'genomic'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The policy modes, least strict first: their order is their strictness. */
export const MODES = ['warn', 'redact', 'block'] as const;
export type Mode = (typeof MODES)[number];
export type Action = 'send' | Mode;
/** A requested (stricter) policy: category → mode. Empty categories are left out. */
export type PolicyRequest = Partial<Record<Category, Mode>>;

/** True for the name of a mode (settings and server answers are only strings). */
export function isMode(value: unknown): value is Mode {
  return (MODES as readonly unknown[]).includes(value);
}

/** The user's requested modes; empty ("use the admin policy") ones are left out. */
export function policyFromSettings(value: unknown): PolicyRequest | null {
  const policy: PolicyRequest = {};
  const modes = (value ?? {}) as Record<string, unknown>;
  for (const category of CATEGORIES) {
    const mode = modes[category];
    if (isMode(mode)) {
      policy[category] = mode;
    }
  }
  return Object.keys(policy).length > 0 ? policy : null;
}

export interface IPolicyInfo {
  admin: Record<string, Mode>;
  modes: Mode[];
  max_prompt_chars: number;
  never_accept: string[];
  prompt_never_accept?: string[];
  allow_user_models: boolean;
}

/** One finding: where and what kind, never the value. */
export interface IFinding {
  part: number;
  entity: string;
  category: string;
  start: number;
  end: number;
  score: number;
  mode?: Mode;
  severity?: Severity;
  /** Which recognizer found it (servers before detectors were reported leave it out). */
  detector?: string;
}

export type Severity = 'low' | 'medium' | 'high';

export interface IDecision {
  action: Action;
  blocked: boolean;
  message: string;
  counts: Record<string, number>;
  policy: Record<string, Mode>;
  notes: string[];
  findings: IFinding[];
}

/** A finding the `%%safe_ai` magic reported for a notebook. */
export interface IMagicWarning {
  cell: number | null;
  entity: string;
  category: string;
  count: number;
  source: string;
  time: string;
}

async function getJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { url: target, settings } = url(path);
  const response = await ServerConnection.makeRequest(target, init, settings);
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
  return (await response.json()) as T;
}

export function fetchPolicy(): Promise<IPolicyInfo> {
  return getJson<IPolicyInfo>('policy');
}

/**
 * How the server reads the texts it scans: the parts of a prompt (also read joined,
 * as the model reads them; allow markers accept only what the admin lets users
 * accept in prompts) or independent notebook cells.
 */
export type ScanPurpose = 'notebook' | 'prompt';

/** What the gate would do with `texts` (one request; findings carry the part index). */
export function scanTexts(
  texts: string[],
  policy: PolicyRequest | null,
  signal?: AbortSignal,
  purpose: ScanPurpose = 'notebook'
): Promise<IDecision> {
  const body = JSON.stringify({
    texts,
    ...(policy ? { policy } : {}),
    ...(purpose === 'prompt' ? { purpose } : {})
  });
  return getJson<IDecision>('scan', { method: 'POST', body, signal });
}

/** The magic's warnings for a notebook; null when the server has no such endpoint. */
export async function fetchMagicWarnings(path: string): Promise<IMagicWarning[] | null> {
  const { url: target, settings } = url(
    `warnings?path=${encodeURIComponent(path)}`
  );
  const response = await ServerConnection.makeRequest(target, {}, settings);
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
  const payload = (await response.json()) as { warnings?: IMagicWarning[] };
  return Array.isArray(payload.warnings) ? payload.warnings : [];
}

/** One accepted finding of a notebook's `.safeai-baseline.json`: a label and a hash. */
export interface IBaselineEntry {
  entity: string;
  hash: string;
  line?: number | null;
  /** 1-based, as the CLI counts cells. */
  cell?: number | null;
}

/** The notebook's accepted findings; empty when the server has no such endpoint. */
export async function fetchBaseline(path: string): Promise<IBaselineEntry[]> {
  const { url: target, settings } = url(`baseline?path=${encodeURIComponent(path)}`);
  const response = await ServerConnection.makeRequest(target, {}, settings);
  if (response.status === 404) {
    return [];
  }
  if (!response.ok) {
    throw new ServerConnection.ResponseError(response);
  }
  const payload = (await response.json()) as { entries?: IBaselineEntry[] };
  return Array.isArray(payload.entries) ? payload.entries : [];
}

/** Accept findings in the notebook's baseline (the CLI's file); returns all its entries. */
export async function acceptInBaseline(
  path: string,
  entries: IBaselineEntry[]
): Promise<IBaselineEntry[]> {
  const payload = await getJson<{ entries?: IBaselineEntry[] }>('baseline', {
    method: 'POST',
    body: JSON.stringify({ path, entries })
  });
  return Array.isArray(payload.entries) ? payload.entries : [];
}

export interface IChatOptions {
  acknowledge?: boolean;
  policy?: PolicyRequest | null;
}

/** The body of `POST /safeai/chat`: optional fields are left out when unset. */
export function chatRequest(
  messages: IChatMessage[],
  model: string | null,
  options: IChatOptions = {}
): Record<string, unknown> {
  const request: Record<string, unknown> = { messages, client: 'sidebar' };
  if (model) {
    request.model = model;
  }
  if (options.acknowledge) {
    request.acknowledge = true;
  }
  if (options.policy && Object.keys(options.policy).length > 0) {
    request.policy = options.policy;
  }
  return request;
}

/** The error for a chat response that is not OK; a 422 carries what the gate found. */
export async function chatRefusal(response: Response): Promise<ChatRefused> {
  let payload: any = {};
  try {
    payload = await response.json();
  } catch {
    // not JSON: keep the status text
  }
  const blocked = response.status === 422 ? (payload as IBlocked) : null;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ChatRefused(
    response.status,
    payload.message ?? response.statusText,
    blocked,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    typeof payload.queue === 'number' ? payload.queue : null
  );
}

/**
 * The JSON values of an NDJSON byte stream, in order. Chunks may end anywhere,
 * even inside a line or a UTF-8 character; blank lines are skipped.
 */
export async function* readNdjson<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffered += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) {
        yield JSON.parse(line) as T;
      }
    }
  }
}

/** Stream a chat answer; yields the server's events in order. */
export async function* streamChat(
  messages: IChatMessage[],
  model: string | null,
  signal: AbortSignal,
  options: IChatOptions = {}
): AsyncGenerator<ChatEvent> {
  const { url: target, settings } = url('chat');
  const body = JSON.stringify(chatRequest(messages, model, options));
  const response = await ServerConnection.makeRequest(
    target,
    { method: 'POST', body, signal },
    settings
  );
  if (!response.ok) {
    throw await chatRefusal(response);
  }
  yield* readNdjson<ChatEvent>(response.body!);
}
