import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, MIN_SECRET_BITS, secretEntropyBits } from './app-config.js';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SEED_ON_EMPTY).toBe(true);
    expect(config.DATA_DIR).toBe('./.data');
  });

  it('reads and converts settings', () => {
    const config = loadConfig({ PORT: '8080', SEED_ON_EMPTY: 'false', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_ON_EMPTY).toBe(false);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/test');
  });

  it('names a bad secret without printing it, and requires one in production', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET=\(hidden\)/);
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_KEY: required/);
    const strong = 'b1f0c9a7d24e8f63a5c0e9d7b4a21f86';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strong, AUDIT_KEY: strong.split('').reverse().join('') }).JWT_SECRET).toBe(strong);
  });

  it.each([
    ['one character repeated', 'a'.repeat(32)],
    ['a word repeated', 'password'.repeat(4)],
    ['two characters alternating', 'ab'.repeat(20)],
    ['a keyboard run', '1234567890'.repeat(4)],
  ])('refuses a weak JWT_SECRET in production (%s) without printing it', (_label, secret) => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/JWT_SECRET=\(hidden\): too easy to guess/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_KEY: secret })).toThrow(/AUDIT_KEY=\(hidden\): too easy to guess/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).not.toThrow(new RegExp(secret));
  });

  it('measures a random key as strong and a repeated one as weak', () => {
    expect(secretEntropyBits('a'.repeat(32))).toBe(0);
    expect(secretEntropyBits(randomBytes(32).toString('hex'))).toBeGreaterThan(MIN_SECRET_BITS);
    expect(secretEntropyBits(randomBytes(32).toString('base64url'))).toBeGreaterThan(MIN_SECRET_BITS);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NODE_ENV', 'staging'],
    ['SEED_ON_EMPTY', 'maybe'],
  ])('stops on a bad %s and names it', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}=`));
  });
});
