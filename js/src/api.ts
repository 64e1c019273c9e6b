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
  | { type: 'status'; model: string; state: string }
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
}

export class ChatRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly blocked: IBlocked | null
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

/** Stream a chat answer; yields the server's events in order. */
export async function* streamChat(
  messages: IChatMessage[],
  model: string | null,
  signal: AbortSignal
): AsyncGenerator<ChatEvent> {
  const { url: target, settings } = url('chat');
  const body = JSON.stringify(
    model ? { messages, model, client: 'sidebar' } : { messages, client: 'sidebar' }
  );
  const response = await ServerConnection.makeRequest(
    target,
    { method: 'POST', body, signal },
    settings
  );
  if (!response.ok) {
    let payload: any = {};
    try {
      payload = await response.json();
    } catch {
      // not JSON: keep the status text
    }
    const blocked = response.status === 422 ? (payload as IBlocked) : null;
    throw new ChatRefused(
      response.status,
      payload.message ?? response.statusText,
      blocked
    );
  }
  const reader = response.body!.getReader();
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
        yield JSON.parse(line) as ChatEvent;
      }
    }
  }
}
