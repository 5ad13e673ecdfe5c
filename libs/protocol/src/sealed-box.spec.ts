import { generateBoxKeyPair, open, seal } from './sealed-box';

describe('sealed boxes', () => {
  const discipline = generateBoxKeyPair();
  const recipient = {
    nodeId: '130100',
    body: 'discipline' as const,
    publicKey: discipline.publicKey,
  };

  it('opens only with the recipient key, and not after any change', () => {
    const box = seal('关于某某同志的问题线索', recipient);
    expect(box.ct).not.toContain('线索');
    expect(open(box, discipline)).toBe('关于某某同志的问题线索');
    expect(() => open(box, generateBoxKeyPair())).toThrow();
    const flipped = Buffer.from(box.ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => open({ ...box, ct: flipped.toString('base64url') }, discipline)).toThrow();
    expect(() => open({ ...box, recipientNode: '130121' }, discipline)).toThrow();
  });

  it('seals the same text differently each time', () => {
    expect(seal('同一内容', recipient).ct).not.toBe(seal('同一内容', recipient).ct);
  });
});
