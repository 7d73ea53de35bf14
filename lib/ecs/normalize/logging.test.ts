import { describe, expect, it } from 'vitest';
import { loggingNote, readsCloudWatchLogs } from '@/lib/model';
import { normalizeLogging } from './logging';
import { normalizeContainerDefinition } from './taskdef';

describe('a container\'s logConfiguration', () => {
  it('awslogs: the group, region and stream prefix', () => {
    const l = normalizeLogging({ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'ecs', 'awslogs-create-group': 'true' } });
    expect(l).toEqual({ driver: 'awslogs', group: '/ecs/web', region: 'eu-west-1', streamPrefix: 'ecs' });
    expect(readsCloudWatchLogs(l)).toBe(true);
    // awslogs without a group cannot be read (ECS itself rejects it; the model says why).
    expect(readsCloudWatchLogs(normalizeLogging({ logDriver: 'awslogs', options: {} }))).toBe(false);
  });

  it('other drivers: where the options send the log, never a secret option or a URL\'s credentials', () => {
    const firelens = normalizeLogging({
      logDriver: 'awsfirelens',
      options: { Name: 'kinesis_firehose', region: 'us-east-1', delivery_stream: 'shop-logs', HTTP_Passwd: 'hunter2' },
      secretOptions: [{ name: 'apikey', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/dd' }],
    });
    expect(firelens).toEqual({ driver: 'awsfirelens', destination: 'Name=kinesis_firehose region=us-east-1 delivery_stream=shop-logs' });
    const splunk = normalizeLogging({ logDriver: 'splunk', options: { 'splunk-url': 'https://user:s3cret@splunk.example:8088', 'splunk-token': 'abc-123' } });
    expect(splunk).toEqual({ driver: 'splunk', destination: 'splunk-url=https://splunk.example:8088' });
    expect(JSON.stringify([firelens, splunk])).not.toMatch(/hunter2|s3cret|abc-123|dd/);
    // A driver Parallax does not know keeps its name only: its options may be anything.
    expect(normalizeLogging({ logDriver: 'datadog-custom' as 'splunk', options: { apiKey: 'k' } })).toEqual({ driver: 'datadog-custom' });
    expect(normalizeLogging(undefined)).toBeUndefined();
  });

  it('is recorded on the container, and the note says where the log goes instead', () => {
    const c = normalizeContainerDefinition({ name: 'app', image: 'app:1', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch', log_group_name: '/firelens/app' } } });
    expect(c.logging).toEqual({ driver: 'awsfirelens', destination: 'Name=cloudwatch log_group_name=/firelens/app' });
    expect(loggingNote('app', c.logging)).toBe('container app sends its logs with FireLens to Name=cloudwatch log_group_name=/firelens/app; Parallax reads CloudWatch Logs (awslogs) only');
    expect(loggingNote('app', { driver: 'json-file' })).toMatch(/json-file driver on its host/);
    expect(loggingNote('app', { driver: 'none' })).toMatch(/discards its log/);
    expect(normalizeContainerDefinition({ name: 'plain', image: 'x' }).logging).toBeUndefined();
  });
});
