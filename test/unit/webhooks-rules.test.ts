import { describe, expect, it } from 'vitest';
import { queues } from '../../lib/definitions/index.js';
import { addressAllowed, deliveryIdFor, isPrivateAddress, retryDelaySeconds, signature, signedHeaders, targetProblem } from '../../functions/webhooks/rules.js';

describe('webhook signature (Standard Webhooks)', () => {
  // The test vector of the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('signs the known vector', () => {
    expect(signature(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with every signed part and refuses a secret without its prefix', () => {
    const base = signature(secret, id, timestamp, body);
    expect(signature(secret, `${id}x`, timestamp, body)).not.toBe(base);
    expect(signature(secret, id, timestamp + 1, body)).not.toBe(base);
    expect(signature(secret, id, timestamp, `${body} `)).not.toBe(base);
    expect(() => signature('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id, timestamp, body)).toThrow();
  });

  it('sends id, timestamp and signature headers', () => {
    expect(signedHeaders(secret, id, timestamp, body)).toEqual({
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });
});

describe('retry schedule', () => {
  it('doubles from the base and is capped at the 12 h SQS visibility limit', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((failed) => retryDelaySeconds(failed, 60))).toEqual([60, 120, 240, 480, 960, 1920, 3840]);
    expect(retryDelaySeconds(30, 60)).toBe(43_200);
    expect(retryDelaySeconds(0, 60)).toBe(0);
    expect(retryDelaySeconds(3, 0)).toBe(0);
  });

  it('all retries fit into the queue retention (4 days)', () => {
    const attempts = queues.webhookDeliveries.maxReceiveCount;
    const total = Array.from({ length: attempts - 1 }, (_, index) => retryDelaySeconds(index + 1, 60)).reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThan(4 * 86_400);
  });
});

describe('delivery ids', () => {
  it('are stable per (event, subscription) and sort by event time', () => {
    const a = deliveryIdFor('event-1', 'sub-1', '2026-01-01T00:00:00.000Z');
    expect(deliveryIdFor('event-1', 'sub-1', '2026-01-01T00:00:00.000Z')).toBe(a);
    expect(deliveryIdFor('event-1', 'sub-2', '2026-01-01T00:00:00.000Z')).not.toBe(a);
    expect(deliveryIdFor('event-2', 'sub-1', '2026-01-02T00:00:00.000Z') > a).toBe(true);
    expect(a).toMatch(/^[a-z0-9]{9}-[a-f0-9]{20}$/);
  });
});

describe('webhook targets (SSRF)', () => {
  it('accepts public https URLs only', () => {
    expect(targetProblem('https://erp.example.com/hooks', false)).toBeUndefined();
    expect(targetProblem('http://erp.example.com/hooks', false)).toBe('NOT_HTTPS');
    expect(targetProblem('ftp://erp.example.com/', false)).toBe('NOT_HTTPS');
    expect(targetProblem('not a url', false)).toBe('NOT_A_URL');
    expect(targetProblem('https://user:pass@erp.example.com/', false)).toBe('HAS_CREDENTIALS');
  });

  it('refuses private, loopback, link-local and metadata addresses', () => {
    for (const url of [
      'https://10.1.2.3/',
      'https://192.168.0.10/',
      'https://172.20.0.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://localhost/',
    ]) {
      expect(targetProblem(url, false), url).toBe('PRIVATE_ADDRESS');
    }
    expect(targetProblem('https://93.184.216.34/', false)).toBeUndefined();
  });

  it('allows http to loopback only where the local stack allows it', () => {
    expect(targetProblem('http://127.0.0.1:4000/hook', true)).toBeUndefined();
    expect(targetProblem('http://localhost:4000/hook', true)).toBeUndefined();
    expect(targetProblem('http://127.0.0.1:4000/hook', false)).toBe('NOT_HTTPS');
    // Loopback is the only exception: other private targets stay refused locally.
    expect(targetProblem('https://10.0.0.1/', true)).toBe('PRIVATE_ADDRESS');
    expect(targetProblem('http://10.0.0.1/', true)).toBe('NOT_HTTPS');
  });

  it('judges resolved addresses the same way', () => {
    expect(isPrivateAddress('100.64.1.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2001:4860:4860::8888')).toBe(false);
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('127.0.0.1', false)).toBe(false);
    expect(addressAllowed('192.168.1.1', true)).toBe(false);
  });
});
