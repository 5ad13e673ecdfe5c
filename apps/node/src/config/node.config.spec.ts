import { ConfigError, loadNodeConfig } from './node.config';

describe('node configuration', () => {
  it('fills defaults and converts types', () => {
    const config = loadNodeConfig({
      LIANDONG_IDENTITY_FILE: '/etc/liandong/130121.json',
      DATABASE_URL: 'postgres://u@h/db',
      HTTP_PORT: '4100',
      MIGRATE_ON_BOOT: 'true',
    });
    expect(config).toMatchObject({
      HTTP_PORT: 4100,
      MIGRATE_ON_BOOT: true,
      FEDERATION: 'local',
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'log',
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadNodeConfig({
        DATABASE_URL: 'mysql://nope',
        HTTP_PORT: '99999',
        FEDERATION: 'Has Spaces',
        LOG_LEVEL: 'chatty',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual([
      'DATABASE_URL',
      'FEDERATION',
      'HTTP_PORT',
      'LIANDONG_IDENTITY_FILE',
      'LOG_LEVEL',
    ]);
  });
});
