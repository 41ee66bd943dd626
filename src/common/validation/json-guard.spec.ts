import { forbiddenKeyPaths, jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-guard.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestsDeeperThan', () => {
  it('measures arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonNestsDeeperThan(bytes('[[[]]]'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('[[[[]]]]'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":{"b":[1]}}'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ a: '[[[[[[', b: 'x\\"[[[[', c: 'Đ{{{{' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('[{"x":"\\\\"},[[]]]'), 2)).toBe(true);
  });

  it('decides at the first level beyond the limit: the bytes after it are never read', () => {
    const text = bytes('['.repeat(MAX_JSON_DEPTH + 1) + 'x'.repeat(1000));
    let read = 0;
    const counting = new Proxy(text, {
      get(target, key) {
        if (typeof key === 'string' && /^[0-9]+$/.test(key)) read++;
        return Reflect.get(target, key) as unknown;
      },
    });
    expect(jsonNestsDeeperThan(counting, MAX_JSON_DEPTH)).toBe(true);
    expect(read).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('forbiddenKeyPaths', () => {
  it('finds __proto__, constructor and prototype at any depth, by path', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"x":1},"lines":[{"b":2},{"constructor":{}}],"c":{"prototype":0}}') as unknown;
    expect(forbiddenKeyPaths(parsed)).toEqual(['__proto__', 'lines[1].constructor', 'c.prototype']);
    expect(forbiddenKeyPaths({ description: '__proto__', constructorName: 'x' })).toEqual([]);
    expect(forbiddenKeyPaths(null)).toEqual([]);
  });
});
