import { hashPassword, passwordProblems, verifyPassword } from '../src/password';

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the right password', async () => {
    const stored = await hashPassword('正确的密码 correct horse');
    expect(stored).toMatch(/^scrypt\$65536\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('正确的密码 correct horse')).not.toBe(stored);
    expect(await verifyPassword('正确的密码 correct horse', stored)).toBe(true);
    expect(await verifyPassword('正确的密码 correct hors', stored)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });

  it('must be long enough', () => {
    expect(passwordProblems('short')).toEqual(['password must have at least 12 characters']);
    expect(passwordProblems('twelve chars')).toEqual([]);
  });
});
