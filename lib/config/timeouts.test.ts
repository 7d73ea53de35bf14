import { describe, expect, it } from 'vitest';
import { ecsTimeouts, kubeTimeouts } from './timeouts';

describe('timeouts from the environment', () => {
  it('reads positive milliseconds; anything else leaves the adapter default', () => {
    expect(kubeTimeouts({})).toEqual({});
    expect(ecsTimeouts({})).toEqual({});
    expect(kubeTimeouts({ PARALLAX_KUBE_REQUEST_TIMEOUT_MS: '15000', PARALLAX_KUBE_STALE_AFTER_MS: '120000' })).toEqual({ requestTimeoutMs: 15_000, staleAfterMs: 120_000 });
    expect(ecsTimeouts({ PARALLAX_ECS_CALL_TIMEOUT_MS: '5000' })).toEqual({ callTimeoutMs: 5_000 });
    for (const bad of ['', '0', '-5', 'soon']) expect(ecsTimeouts({ PARALLAX_ECS_CALL_TIMEOUT_MS: bad })).toEqual({});
  });
});
