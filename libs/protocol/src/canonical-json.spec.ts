import { canonicalize } from './canonical-json';

describe('canonicalize (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, as in the RFC 3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Object.keys would list "1" first (integer-like keys), so read the order off the text.
    const order = ['Carriage', 'One', 'Control', 'Latin', 'Euro', 'Emoji', 'Hebrew'];
    const text = canonicalize(input);
    const positions = order.map((word) => text.indexOf(word));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('writes numbers with the ECMAScript algorithm (RFC 8785 appendix B samples)', () => {
    expect(canonicalize([1e21, 1e-7, 333333333.3333333, -0, 4.5, 0.000001, 1e23])).toBe(
      '[1e+21,1e-7,333333333.3333333,0,4.5,0.000001,1e+23]',
    );
  });

  it('matches the RFC 3.2.2 sample output', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('drops undefined members and refuses non-finite numbers', () => {
    expect(canonicalize({ b: undefined, a: [undefined] })).toBe('{"a":[null]}');
    expect(() => canonicalize({ n: Number.NaN })).toThrow(TypeError);
  });
});
