/**
 * What the sidebar says when the assistant cannot answer: each server condition maps
 * to a message that says what happened and what to do.
 */
import { ServerConnection } from '@jupyterlab/services';

import { ChatRefused, IModelInfo, IModelList } from '../api';
import { MAX_RETRIES, busyInfo, busyMessage, countdown } from '../busy';
import { chatErrorMessage, isUnreachable, modelStatus, statusNotice } from '../messages';

const CHECKSUM_ERROR =
  "model 'SmolLM2': sha256 mismatch (approved b179c9523d0e…, file has 0a1b2c3d4e5f…); " +
  'refusing to load';

function model(state: IModelInfo['state'], extra: Partial<IModelInfo> = {}): IModelInfo {
  return {
    name: 'SmolLM2',
    license: 'Apache-2.0',
    model_card: 'https://example.org/card',
    phi_allowed: false,
    state,
    loaded: state === 'loaded',
    error: null,
    ...extra
  };
}

function list(...models: IModelInfo[]): IModelList {
  return { default: models[0]?.name ?? null, models };
}

describe('modelStatus', () => {
  it('says the server is unreachable before anything else', () => {
    const status = modelStatus(list(model('loaded')), null, true);
    expect(status.state).toBe('error');
    expect(status.text).toMatch(/^Server unreachable: .*still running\?$/);
  });

  it('says there is no approved model, with the configuration error', () => {
    const none = { default: null, models: [], error: "approved_models[0]: missing 'license'" };
    const status = modelStatus(none, null, false);
    expect(status.state).toBe('error');
    expect(status.text).toBe(
      'No approved model: the assistant is off until an administrator approves one ' +
        "(approved_models[0]: missing 'license')."
    );
    expect(modelStatus({ default: null, models: [] }, null, false).text).toBe(
      'No approved model: the assistant is off until an administrator approves one.'
    );
  });

  it('tells a failed checksum apart from other load failures', () => {
    const bad = modelStatus(list(model('error', { error: CHECKSUM_ERROR })), null, false);
    expect(bad.state).toBe('error');
    expect(bad.text).toContain('SmolLM2 · failed its checksum');
    expect(bad.text).toContain('not the one the administrator approved');
    const missing = modelStatus(
      list(model('error', { error: "model 'SmolLM2': weights file not found at /x.gguf" })),
      null,
      false
    );
    expect(missing.text).toContain('its weights file is missing');
    const other = modelStatus(list(model('error', { error: 'out of memory' })), null, false);
    expect(other.text).toBe('SmolLM2 · failed: out of memory');
  });

  it('shows progress while verifying and speed once loaded', () => {
    expect(modelStatus(list(model('verifying', { progress: 0.42 })), null, false).text).toBe(
      'SmolLM2 · checking sha256… 42%'
    );
    expect(modelStatus(list(model('loaded')), null, false, '80 tokens/s').text).toBe(
      'SmolLM2 · loaded · 80 tokens/s'
    );
    expect(modelStatus(null, null, false)).toEqual({ text: 'Connecting…', state: 'unknown' });
  });
});

describe('chatErrorMessage', () => {
  it('says the server is unreachable for a network failure', () => {
    const network = new ServerConnection.NetworkError(new TypeError('Failed to fetch'));
    expect(isUnreachable(network)).toBe(true);
    expect(chatErrorMessage(network)).toMatch(/^Server unreachable: .*nothing was sent/);
    expect(isUnreachable(new TypeError('x is not a function'))).toBe(false);
  });

  it('explains a 503 without an approved model', () => {
    const refusal = new ChatRefused(503, 'No approved model: no approved model', null);
    expect(chatErrorMessage(refusal)).toBe(
      'No approved model: no approved model. The assistant is off until an administrator ' +
        'approves a model (c.SafeAI.approved_models). Nothing was sent.'
    );
  });

  it('explains a model that failed its checksum, in a 503 or a stream error', () => {
    const refusal = new ChatRefused(503, CHECKSUM_ERROR, null);
    expect(chatErrorMessage(refusal)).toMatch(
      /^The model failed its checksum: .*refusing to load\)\. Ask your administrator\. Nothing was sent\.$/
    );
    expect(chatErrorMessage(new Error(CHECKSUM_ERROR))).toMatch(
      /^The model failed its checksum/
    );
  });

  it('maps other statuses to what to do', () => {
    expect(
      chatErrorMessage(new ChatRefused(403, "Model 'gpt-4' is not an approved model", null))
    ).toBe("Model 'gpt-4' is not an approved model. Pick a model from the list.");
    expect(
      chatErrorMessage(
        new ChatRefused(413, 'the prompt is longer than 100,000 characters', null)
      )
    ).toContain('Shorten the question or remove context');
    expect(chatErrorMessage(new ChatRefused(500, 'Internal Server Error', null))).toBe(
      'The server answered 500: Internal Server Error. Nothing was sent.'
    );
    expect(chatErrorMessage(new Error(''))).toBe('The server did not answer.');
  });
});

describe('busy model (429)', () => {
  it('reads Retry-After and the queue, within bounds', () => {
    expect(busyInfo(new ChatRefused(429, 'busy', null, 4, 3))).toEqual({
      waiting: 3,
      retryAfter: 4
    });
    expect(busyInfo(new ChatRefused(429, 'busy', null, 0.2, null)).retryAfter).toBe(1);
    expect(busyInfo(new ChatRefused(429, 'busy', null, 3600, null)).retryAfter).toBe(60);
    expect(busyInfo(new ChatRefused(429, 'busy', null)).retryAfter).toBe(5);
    expect(MAX_RETRIES).toBeGreaterThan(0);
  });

  it('says how many wait and when it retries', () => {
    expect(busyMessage({ waiting: 3, retryAfter: 5 }, 5)).toBe(
      'Model busy — 3 waiting, retrying in 5 s'
    );
    expect(busyMessage({ waiting: null, retryAfter: 5 }, 1.2)).toBe(
      'Model busy, retrying in 2 s'
    );
  });

  describe('countdown', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('ticks every second and resolves when the time is up', async () => {
      const ticks: number[] = [];
      let done = false;
      const wait = countdown(3, new AbortController().signal, left => ticks.push(left)).then(
        () => (done = true)
      );
      jest.advanceTimersByTime(2000);
      await Promise.resolve();
      expect(done).toBe(false);
      jest.advanceTimersByTime(1000);
      await wait;
      expect(ticks).toEqual([3, 2, 1]);
      expect(done).toBe(true);
    });

    it('rejects with an AbortError when cancelled', async () => {
      const controller = new AbortController();
      const wait = countdown(30, controller.signal, () => undefined);
      jest.advanceTimersByTime(1000);
      controller.abort();
      await expect(wait).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});

describe('statusNotice', () => {
  it('tells the queue position and loading states', () => {
    expect(statusNotice({ state: 'queued', position: 1 })).toBe(
      'Waiting for the model — 1 request ahead of yours'
    );
    expect(statusNotice({ state: 'queued', position: 3 })).toBe(
      'Waiting for the model — 3 requests ahead of yours'
    );
    expect(statusNotice({ state: 'verifying' })).toMatch(/sha256/);
    expect(statusNotice({ state: 'loading' })).toBe('Loading the model…');
    expect(statusNotice({ state: 'loaded' })).toBeNull();
  });
});
