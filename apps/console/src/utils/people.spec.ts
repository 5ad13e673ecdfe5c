import { describe, expect, it } from 'vitest';
import { personName, rememberNames } from './people';

describe('personName', () => {
  it('names the person behind a user name or an audit actor, once the names are known', () => {
    rememberNames([]);
    expect(personName('user:deputy-1')).toBe('deputy-1');
    rememberNames([{ username: 'deputy-1', displayName: '王五' }]);
    expect(personName('user:deputy-1')).toBe('王五');
    expect(personName('deputy-1')).toBe('王五');
  });

  it('leaves nodes, the system and unknown accounts as they are, and shows a dash for nobody', () => {
    rememberNames([{ username: 'deputy-1', displayName: '王五' }]);
    expect(personName('node:130100')).toBe('node:130100');
    expect(personName('user:somebody-else')).toBe('somebody-else');
    expect(personName(null)).toBe('—');
    expect(personName('')).toBe('—');
  });
});
