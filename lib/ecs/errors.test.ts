import { describe, expect, it } from 'vitest';
import { classifyError, EcsCallError } from './errors';
import { allPages, chunk, unique } from './batch';

const ctx = { profile: 'prod', region: 'eu-west-1' };
const sdkError = (name: string, status: number, message = `${name} message`) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifyError', () => {
  it('marks AccessDenied* and UnauthorizedOperation forbidden, with operation and status', () => {
    const e = classifyError('DescribeContainerInstances', sdkError('AccessDeniedException', 400, 'User is not authorized'), ctx);
    expect(e).toBeInstanceOf(EcsCallError);
    expect(e).toMatchObject({ failure: 'forbidden', operation: 'DescribeContainerInstances', status: 400, code: 'AccessDeniedException' });
    expect(e.message).toBe('DescribeContainerInstances: AccessDeniedException: User is not authorized');
    expect(classifyError('DescribeInstances', sdkError('UnauthorizedOperation', 403), ctx).failure).toBe('forbidden');
  });

  it('marks throttling as throttled and 5xx as errors of that kind', () => {
    expect(classifyError('DescribeServices', sdkError('ThrottlingException', 400), ctx)).toMatchObject({ failure: 'throttled', status: 400, code: 'ThrottlingException' });
    expect(classifyError('DescribeInstances', sdkError('RequestLimitExceeded', 503), ctx).failure).toBe('throttled');
    expect(classifyError('DescribeTargetGroups', sdkError('Throttling', 400), ctx).failure).toBe('throttled');
    const e = classifyError('ListServicesByNamespace', sdkError('InternalFailure', 500, 'boom'), ctx);
    expect(e).toMatchObject({ failure: 'error', status: 500 });
    expect(e.message).toBe('ListServicesByNamespace (HTTP 500): InternalFailure: boom');
  });

  it('marks expired or invalid credentials down, with the fix for the profile', () => {
    const expired = classifyError('ListClusters', sdkError('ExpiredTokenException', 400, 'The security token included in the request is expired'), ctx);
    expect(expired).toMatchObject({ failure: 'down', status: 400 });
    expect(expired.message).toBe('AWS credentials expired for profile prod: run aws sso login --profile prod');
    for (const code of ['UnrecognizedClientException', 'InvalidClientTokenId', 'CredentialsProviderError']) {
      expect(classifyError('ListClusters', sdkError(code, 403), ctx).failure).toBe('down');
    }
    expect(classifyError('ListClusters', sdkError('UnrecognizedClientException', 400), { ...ctx, profile: 'default' }).message).toMatch(/for the default credential chain/);
  });

  it('marks connection refused down, naming the endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', $metadata: {} });
    expect(classifyError('ListClusters', refused, { ...ctx, endpoint: 'http://127.0.0.1:4566' }).message).toBe('connection refused at http://127.0.0.1:4566 — is the emulator running?');
    const nested = Object.assign(new Error('fetch failed'), { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    expect(classifyError('ListClusters', nested, ctx)).toMatchObject({ failure: 'down', message: 'connection refused at the AWS endpoint for eu-west-1' });
  });

  it('keeps an EcsCallError as it is', () => {
    const e = classifyError('DescribeTasks', sdkError('AccessDeniedException', 400), ctx);
    expect(classifyError('Other', e, ctx)).toBe(e);
  });
});

describe('batching helpers', () => {
  it('chunks to the API limits and dedupes', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk(Array.from({ length: 230 }, (_, i) => i), 100).map((c) => c.length)).toEqual([100, 100, 30]);
    expect(unique(['a', undefined, 'b', 'a', ''])).toEqual(['a', 'b']);
  });

  it('pages to the end', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { start: { items: [1, 2], next: 't1' }, t1: { items: [3], next: 't2' }, t2: { items: [4] } };
    expect(await allPages(async (t) => pages[t ?? 'start'])).toEqual([1, 2, 3, 4]);
  });
});
