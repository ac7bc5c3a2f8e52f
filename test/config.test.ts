import { describe, expect, it } from 'vitest';
import { ConfigError, configToEnv, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.MAX_ACCOUNTS).toBe(5000);
    expect(config.MAX_HORIZON_DAYS).toBe(42);
    expect(config.OSRM_URL).toBeUndefined();
    expect(config.API_KEYS).toEqual([]);
  });

  it('keys the queues under a Redis Cluster hash tag by default, and refuses a malformed one', () => {
    expect(loadConfig({}).QUEUE_PREFIX).toBe('{tournee}');
    expect(loadConfig({ QUEUE_PREFIX: 'acme' }).QUEUE_PREFIX).toBe('acme');
    expect(loadConfig({ QUEUE_PREFIX: 'acme-{eu}' }).QUEUE_PREFIX).toBe('acme-{eu}');
    for (const bad of ['{}', '{a}{b}', 'a:b', '{open']) expect(() => loadConfig({ QUEUE_PREFIX: bad }), bad).toThrow(/QUEUE_PREFIX/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ CALLBACK_SECRET: '', OSRM_URL: '', PORT: '' });
    expect(config.CALLBACK_SECRET).toBeUndefined();
    expect(config.OSRM_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', OSRM_FALLBACK_HAVERSINE: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x' });
    } catch (error) {
      expect(String(error)).toMatch(/PORT/);
      expect(String(error)).toMatch(/REDIS_URL/);
    }
  });

  it('round-trips through the environment given to processor children, without its secrets', () => {
    const config = loadConfig({ API_KEYS: 'crm:0123456789abcdef', OSRM_URL: 'http://osrm:5000', OSRM_FALLBACK_HAVERSINE: 'true' });
    expect(loadConfig(configToEnv(config))).toEqual({ ...config, API_KEYS: [] });
  });

  it('reads named API keys and refuses unnamed, short or repeated ones', () => {
    const config = loadConfig({ API_KEYS: 'crm:0123456789abcdef, batch:fedcba9876543210' });
    expect(config.API_KEYS).toEqual([{ name: 'crm', key: '0123456789abcdef' }, { name: 'batch', key: 'fedcba9876543210' }]);
    expect(() => loadConfig({ API_KEYS: '0123456789abcdef' })).toThrow(/API_KEYS/);
    expect(() => loadConfig({ API_KEYS: 'crm:short' })).toThrow(/API_KEYS/);
    expect(() => loadConfig({ API_KEYS: 'crm:0123456789abcdef,crm:fedcba9876543210' })).toThrow(/once/);
  });
});
